"""The canonical Applications table as a pandera ``DataFrameModel``.

``data.schema.validate_applications`` checks every table :func:`data.import_files` returns
against :class:`ApplicationsModel`, once, where it returns: the dtypes of
``data.schema.APPLICATION_COLUMNS`` in that order and nothing else, the ordered stage, the
categories, ``followups >= 0``, ``source_row >= 1``, ``date_precision`` in day/month, and
the rule that an offer or hire implies that stage (``data.rules``).

This module is imported only when a table is validated (pandera takes a second to import).
No ``from __future__ import annotations`` here: pandera reads the annotations at run time.

Examples
--------
>>> from data.schema import APPLICATION_COLUMNS, empty_applications
>>> ApplicationsModel.validate(empty_applications()).shape == (0, len(APPLICATION_COLUMNS))
True
"""

from typing import Any

import numpy as np
import pandas as pd
import pandera.pandas as pa
from pandera.engines import pandas_engine as pe
from pandera.typing import Series

from data.rules import OUTCOMES, STAGES, implied_stage_codes
from data.schema import DATE_PRECISIONS, SOURCES

__all__ = ["ApplicationsModel"]

_NS = {"unit": "ns"}


def _date() -> Any:
    return pa.Field(nullable=True, dtype_kwargs=_NS)


def _category(values: tuple[str, ...], ordered: bool = False) -> Any:
    return pa.Field(nullable=True, dtype_kwargs={"categories": list(values), "ordered": ordered})


class ApplicationsModel(pa.DataFrameModel):
    """One row per application: the canonical table's columns, dtypes and rules."""

    participant: Series[pd.StringDtype] = pa.Field(nullable=True)
    application_id: Series[pd.StringDtype] = pa.Field(nullable=True)
    company: Series[pd.StringDtype] = pa.Field(nullable=True)
    role: Series[pd.StringDtype] = pa.Field(nullable=True)
    source: Series[pd.CategoricalDtype] = _category(SOURCES)
    applied_on: Series[pe.DateTime] = _date()
    followup_after_apply: Series[pd.BooleanDtype] = pa.Field(nullable=True)
    followup_after_apply_on: Series[pe.DateTime] = _date()
    followups: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=0)
    responded_on: Series[pe.DateTime] = _date()
    responded: Series[pd.BooleanDtype] = pa.Field(nullable=True)
    intro_call_on: Series[pe.DateTime] = _date()
    followup_after_intro: Series[pd.BooleanDtype] = pa.Field(nullable=True)
    interview_on: Series[pe.DateTime] = _date()
    thank_you_after_interview: Series[pd.BooleanDtype] = pa.Field(nullable=True)
    offer_on: Series[pe.DateTime] = _date()
    stage_reached: Series[pd.CategoricalDtype] = _category(STAGES, ordered=True)
    outcome: Series[pd.CategoricalDtype] = _category(OUTCOMES)
    outcome_on: Series[pe.DateTime] = _date()
    last_activity_on: Series[pe.DateTime] = _date()
    source_file: Series[pd.StringDtype] = pa.Field(nullable=True)
    source_sheet: Series[pd.StringDtype] = pa.Field(nullable=True)
    source_row: Series[pd.Int64Dtype] = pa.Field(nullable=True, ge=1)
    date_precision: Series[pd.StringDtype] = pa.Field(nullable=True, isin=list(DATE_PRECISIONS))

    class Config:
        # the cast is data.schema.coerce_applications: pandera 0.35 would cast pandas 3's
        # ``string`` columns to the NaN-valued ``str`` dtype; pandera checks, it does not cast
        coerce = False
        strict = True
        ordered = True

    @pa.dataframe_check(name="an offer or hire implies that stage")
    def offer_implies_stage(cls, df: pd.DataFrame) -> pd.Series:
        implied = implied_stage_codes(df["outcome"])  # -1: the outcome implies no stage
        reached = np.asarray(df["stage_reached"].cat.codes, dtype=np.int64)  # -1: not given
        return pd.Series((reached < 0) | (reached >= implied), index=df.index)
