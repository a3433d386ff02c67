"""The seqcast HTTP client: JSON over urllib, problem details raised as SeqcastError.

``forecast`` takes a pandas DataFrame in the long format Nixtla's clients use (``unique_id``, ``ds``,
``y``) or plain Python data (a dict ``{id: [values]}`` or a list of ``{"id": ..., "values": [...]}``
series), and answers in the same long format: ``unique_id``, ``ds``, one column named after the model
(the mean) and ``<model>-lo-<level>`` / ``<model>-hi-<level>`` per level (and ``<model>-q-<q>`` per
quantile when the service answers quantiles). Without pandas, rows are dicts with those keys.
"""

import json
import math
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

try:  # pandas is optional
    import pandas as _pd
except ImportError:  # pragma: no cover - exercised where pandas is absent
    _pd = None


class SeqcastError(Exception):
    """An error answer of the service, carrying its RFC 9457 problem details.

    ``status`` is the HTTP status, ``problem`` the problem-details dict (``title``, ``detail``,
    ``field``, ``seriesId``, ``index`` where the service sends them), ``field`` a shortcut.
    """

    def __init__(self, status, problem):
        self.status = status
        self.problem = problem if isinstance(problem, dict) else {"detail": str(problem)}
        self.field = self.problem.get("field")
        self.detail = self.problem.get("detail")
        message = f"{status} {self.problem.get('title', '')}: {self.detail}".strip()
        if self.field:
            message += f" (field {self.field})"
        super().__init__(message)


class Seqcast:
    """A seqcast service at ``url``; ``api_key`` is needed for uploads and training jobs."""

    def __init__(self, url="http://localhost:8080", api_key=None, timeout=300.0):
        self.url = url.rstrip("/")
        self.api_key = api_key
        self.timeout = timeout

    # ----------------------------------------------------------------------------------------
    # Forecasting

    def forecast(self, df, h, freq=None, level=(80, 95), quantiles=None, model="default",
                 id_col="unique_id", time_col="ds", target_col="y", selection=None):
        """Forecasts ``h`` steps of every series in ``df``; returns the long format (see module doc)."""
        body = {"horizon": int(h), "series": self._series(df, id_col, time_col, target_col)}
        if model is not None and model != "default":
            body["model"] = model
        if freq is not None:
            body["frequency"] = freq
        body["levels"] = [_number(v) for v in (level or [])]
        if quantiles is not None:
            body["quantiles"] = [float(q) for q in quantiles]
        if selection is not None:
            body["selection"] = selection
        answer = self._request("POST", "/forecast", body)
        name = answer["model"]["name"] if model in (None, "default") else model
        rows = []
        for f in answer["forecasts"]:
            steps = len(f["mean"])
            stamps = f.get("timestamps") or list(range(1, steps + 1))
            for i in range(steps):
                row = {"unique_id": f["id"], "ds": stamps[i], name: f["mean"][i]}
                for lv, interval in (f.get("intervals") or {}).items():
                    row[f"{name}-lo-{lv}"] = interval["lower"][i]
                    row[f"{name}-hi-{lv}"] = interval["upper"][i]
                for q, values in (f.get("quantiles") or {}).items():
                    row[f"{name}-q-{q}"] = values[i]
                rows.append(row)
        return self._frame(rows, time_col="ds")

    def backtest(self, df, h, windows=3, step=None, freq=None, level=(80, 95), model="default",
                 id_col="unique_id", time_col="ds", target_col="y"):
        """Rolling-origin backtest; returns the service's JSON answer (per-series and aggregate metrics)."""
        body = {"horizon": int(h), "windows": int(windows),
                "series": self._series(df, id_col, time_col, target_col),
                "levels": [_number(v) for v in (level or [])]}
        if step is not None:
            body["step"] = int(step)
        if freq is not None:
            body["frequency"] = freq
        if model is not None and model != "default":
            body["model"] = model
        return self._request("POST", "/backtest", body)

    # ----------------------------------------------------------------------------------------
    # Models and training

    def models(self):
        """Every registered model (name, versions, serving version, aliases)."""
        return self._request("GET", "/models")

    def upload_model(self, path, manifest=None, name=None):
        """Uploads a safetensors file as a new version of ``name`` (default: the manifest's name);
        ``manifest`` is a dict, a JSON string or None (the file's metadata carries it)."""
        with open(path, "rb") as f:
            weights = f.read()
        if isinstance(manifest, dict):
            name = name or manifest.get("name")
            manifest = json.dumps(manifest)
        elif isinstance(manifest, str) and name is None:
            name = json.loads(manifest).get("name")
        if not name:
            raise ValueError("name the model: name=... or a manifest with a name")
        boundary = "seqcast-" + uuid.uuid4().hex
        parts = [(f'--{boundary}\r\nContent-Disposition: form-data; name="weights"; filename="model.safetensors"'
                  '\r\nContent-Type: application/octet-stream\r\n\r\n').encode(), weights, b"\r\n"]
        if manifest:
            parts += [(f'--{boundary}\r\nContent-Disposition: form-data; name="manifest"\r\n'
                       'Content-Type: application/json\r\n\r\n').encode(), manifest.encode(), b"\r\n"]
        parts.append(f"--{boundary}--\r\n".encode())
        return self._request("POST", f"/models/{urllib.parse.quote(name)}/versions", b"".join(parts),
                             content_type=f"multipart/form-data; boundary={boundary}")

    def train(self, name, df, h=None, freq=None, config=None, id_col="unique_id", time_col="ds",
              target_col="y", wait=True, progress=True, poll=0.5):
        """Submits a training job for a new version of ``name``; with ``wait`` follows it to the end
        (a plain-text progress bar on stderr unless ``progress=False``) and returns its final status.
        A job that fails or is cancelled raises SeqcastError."""
        series = self._series(df, id_col, time_col, target_col)
        for s in series:  # training takes ids, values and timestamps
            s.pop("start", None)
        body = {"series": series}
        if h is not None:
            body["horizon"] = int(h)
        if freq is not None:
            body["frequency"] = freq
        if config:
            body["config"] = dict(config)
        job = self._request("POST", f"/models/{urllib.parse.quote(name)}/training-jobs", body)
        if not wait:
            return job
        while job["state"].upper() not in ("SUCCEEDED", "FAILED", "CANCELLED"):
            if progress:
                _progress(job)
            time.sleep(poll)
            job = self.job(job["id"])
        if progress:
            _progress(job)
            sys.stderr.write("\n")
        if job["state"].upper() != "SUCCEEDED":
            raise SeqcastError(500, {"title": f"Training job {job['state'].lower()}",
                                     "detail": job.get("error") or job["state"]})
        return job

    def job(self, job_id):
        """One training job's status."""
        return self._request("GET", f"/training-jobs/{urllib.parse.quote(job_id)}")

    # ----------------------------------------------------------------------------------------

    def _series(self, df, id_col, time_col, target_col):
        if _pd is not None and isinstance(df, _pd.DataFrame):
            series = []
            for uid, group in df.groupby(id_col, sort=False):
                s = {"id": str(uid), "values": [_value(v) for v in group[target_col].tolist()]}
                if time_col in group.columns:
                    s["timestamps"] = [_stamp(t) for t in group[time_col].tolist()]
                series.append(s)
            return series
        if isinstance(df, dict):
            return [{"id": str(k), "values": [_value(v) for v in vs]} for k, vs in df.items()]
        if isinstance(df, (list, tuple)):
            out = []
            for s in df:
                s = dict(s)
                s["values"] = [_value(v) for v in s["values"]]
                out.append(s)
            return out
        raise TypeError("pass a pandas DataFrame, a dict {id: values} or a list of series dicts")

    @staticmethod
    def _frame(rows, time_col):
        if _pd is None:
            return rows
        frame = _pd.DataFrame(rows)
        if not frame.empty and frame[time_col].map(lambda v: isinstance(v, str)).all():
            frame[time_col] = _pd.to_datetime(frame[time_col])
        return frame

    def _request(self, method, path, body=None, content_type="application/json"):
        data = body
        if body is not None and not isinstance(body, (bytes, bytearray)):
            data = json.dumps(body, allow_nan=False).encode()
        request = urllib.request.Request(self.url + path, data=data, method=method)
        request.add_header("Accept", "application/json, application/problem+json")
        if data is not None:
            request.add_header("Content-Type", content_type)
        if self.api_key:
            request.add_header("X-API-Key", self.api_key)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                text = response.read()
                return json.loads(text) if text else None
        except urllib.error.HTTPError as e:
            text = e.read()
            try:
                problem = json.loads(text)
            except ValueError:
                problem = {"title": e.reason, "detail": text.decode(errors="replace")}
            raise SeqcastError(e.code, problem) from None


def _value(v):
    """A value for JSON: None for missing (None, NaN, pandas NA)."""
    if v is None:
        return None
    try:
        f = float(v)
    except (TypeError, ValueError):
        if _pd is not None and _pd.isna(v):
            return None
        raise
    return None if math.isnan(f) else f


def _number(v):
    f = float(v)
    return int(f) if f.is_integer() else f


def _stamp(t):
    if hasattr(t, "isoformat"):
        if _pd is not None and isinstance(t, _pd.Timestamp) and t == t.normalize() and t.tzinfo is None:
            return t.strftime("%Y-%m-%d")
        return t.isoformat()
    return str(t)


def _progress(job, width=30):
    """One line on stderr, redrawn in place: state, bar, epoch of maxEpochs."""
    epoch = job.get("epoch") or 0
    total = job.get("maxEpochs") or 0
    done = min(1.0, epoch / total) if total else 0.0
    filled = int(done * width)
    sys.stderr.write(f"\r{job['state'].lower():<10} [{'#' * filled}{'-' * (width - filled)}] "
                     f"epoch {epoch}/{total or '?'}")
    sys.stderr.flush()
