"""The Python client against the real service (conftest.py starts the packaged jar)."""

import io
import json
import os
import sys
import tempfile
import urllib.request

import pandas as pd
import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
from seqcast import Seqcast, SeqcastError  # noqa: E402
from conftest import API_KEY  # noqa: E402

AIR = [112, 118, 132, 129, 121, 135, 148, 148, 136, 119, 104, 118, 115, 126, 141, 135, 125, 149, 170, 170,
       158, 133, 114, 140, 145, 150, 178, 163, 172, 178, 199, 199, 184, 162, 146, 166, 171, 180, 193, 181,
       183, 218, 230, 242, 209, 191, 172, 194]


def frame():
    months = pd.date_range("1949-01-01", periods=len(AIR), freq="MS")
    a = pd.DataFrame({"unique_id": "air", "ds": months, "y": AIR})
    b = pd.DataFrame({"unique_id": "half", "ds": months, "y": [v / 2 for v in AIR]})
    return pd.concat([a, b], ignore_index=True)


def test_forecast_returns_nixtla_long_format(service):
    out = Seqcast(service).forecast(frame(), h=3, freq="M", level=[80, 95])

    assert list(out.columns) == ["unique_id", "ds", "default", "default-lo-80", "default-hi-80",
                                 "default-lo-95", "default-hi-95"]
    assert out["unique_id"].tolist() == ["air"] * 3 + ["half"] * 3
    assert out["ds"].tolist()[:3] == list(pd.to_datetime(["1953-01-01", "1953-02-01", "1953-03-01"]))
    assert (out["default-lo-95"] <= out["default-lo-80"]).all()
    assert (out["default-lo-80"] <= out["default"]).all() and (out["default"] <= out["default-hi-80"]).all()
    assert (out["default-hi-80"] <= out["default-hi-95"]).all()


def test_forecast_takes_plain_python_data(service):
    out = Seqcast(service).forecast({"air": AIR}, h=2, level=[80])

    assert out["unique_id"].tolist() == ["air", "air"]
    assert set(out.columns) == {"unique_id", "ds", "default", "default-lo-80", "default-hi-80"}


def test_missing_values_go_as_null(service):
    df = frame()
    df.loc[5, "y"] = float("nan")
    out = Seqcast(service).forecast(df, h=1, level=[])

    assert len(out) == 2 and out["default"].notna().all()


def test_errors_carry_the_problem_details(service):
    with pytest.raises(SeqcastError) as error:
        Seqcast(service).forecast({"air": AIR}, h=0)

    assert error.value.status == 400
    assert error.value.field == "horizon"
    assert error.value.problem["status"] == 400
    assert "horizon" in error.value.detail


def test_unknown_model_is_404(service):
    with pytest.raises(SeqcastError) as error:
        Seqcast(service).forecast({"air": AIR}, h=2, model="nosuch")

    assert error.value.status == 404


def test_backtest_scores_each_series(service):
    result = Seqcast(service).backtest(frame(), h=3, windows=2, freq="M", level=[80])

    assert [s["id"] for s in result["series"]] == ["air", "half"]
    assert result["aggregate"]["model"]["mae"] > 0


def test_models_lists_the_default(service):
    names = [m["name"] for m in Seqcast(service).models()]

    assert "default" in names


def test_upload_needs_the_key_and_registers_a_version(service):
    with urllib.request.urlopen(service + "/models/default/versions/1/weights") as r:
        weights = r.read()
    with urllib.request.urlopen(service + "/models/default/versions/1") as r:
        manifest = json.load(r)
    path = os.path.join(tempfile.mkdtemp(), "model.safetensors")
    with open(path, "wb") as f:
        f.write(weights)

    with pytest.raises(SeqcastError) as error:
        Seqcast(service).upload_model(path, manifest, name="copy")
    assert error.value.status == 401

    registered = Seqcast(service, api_key=API_KEY).upload_model(path, manifest, name="copy")
    assert registered["name"] == "copy" and registered["version"] == 1


def test_train_follows_the_job_with_a_progress_bar(service, capsys):
    client = Seqcast(service, api_key=API_KEY)
    job = client.train("trained", {"air": AIR}, h=3, freq="M",
                       config={"hidden": 4, "window": 6, "epochs": 2, "seed": 7}, poll=0.2)

    assert job["state"].upper() == "SUCCEEDED"
    assert "epoch" in capsys.readouterr().err
    assert "trained" in [m["name"] for m in client.models()]
