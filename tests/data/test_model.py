"""The canonical table's pandera model (data.model), checked where import_files returns."""

from __future__ import annotations

import pandas as pd
import pytest

from data.importer import import_files
from data.model import ApplicationsModel
from data.schema import APPLICATION_COLUMNS, coerce_applications, validate_applications


def table(**cols) -> pd.DataFrame:
    return coerce_applications(pd.DataFrame(cols))[list(APPLICATION_COLUMNS)]


class TestApplicationsModel:
    def test_a_good_table_passes_unchanged(self):
        t = table(company=["Acme"], stage_reached=["offer"], outcome=["offer"], followups=[2])
        pd.testing.assert_frame_equal(ApplicationsModel.validate(t), t)

    @pytest.mark.parametrize(
        ("cols", "says"),
        [
            ({"followups": [-1]}, "greater_than_or_equal_to(0)"),
            ({"source_row": [0]}, "greater_than_or_equal_to(1)"),
            ({"outcome": ["hired"], "stage_reached": ["interview"]}, "offer or hire implies"),
            ({"outcome": ["offer"], "stage_reached": ["applied"]}, "offer or hire implies"),
            ({"date_precision": ["week"]}, "isin"),
        ],
    )
    def test_broken_rules_are_named(self, cols, says):
        with pytest.raises(ValueError, match="fails its checks") as exc:
            validate_applications(pd.DataFrame(cols))
        assert says in str(exc.value)

    def test_a_wrong_dtype_is_refused(self):
        t = table(company=["Acme"]).assign(followups=[1.5])
        with pytest.raises(Exception, match="followups"):
            ApplicationsModel.validate(t, lazy=True)

    def test_an_extra_or_missing_column_is_refused(self):
        t = table(company=["Acme"])
        with pytest.raises(Exception, match="extra"):
            ApplicationsModel.validate(t.assign(extra=1), lazy=True)
        with pytest.raises(Exception, match="company"):
            ApplicationsModel.validate(t.drop(columns="company"), lazy=True)


def test_import_files_returns_a_validated_table():
    log = b"Company,Date applied,Status\nAcme,2026-01-05,Offer\nBolt,2025-08,Rejected\n"
    apps = import_files([("a.csv", log)]).applications
    assert list(apps.columns) == list(APPLICATION_COLUMNS)
    assert ApplicationsModel.validate(apps) is not None
    assert apps["stage_reached"].astype(str).tolist() == ["offer", "applied"]
