"""Python client of the seqcast forecasting service (standard library; pandas optional)."""

from seqcast.client import Seqcast, SeqcastError

__all__ = ["Seqcast", "SeqcastError"]
__version__ = "0.1.0"
