"""Helper processes' pipes (services.processes)."""

from __future__ import annotations

import multiprocessing
import sys

import pytest

from services import contact_import
from services.processes import PIPE_BYTES, widen_pipe

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="pipe sizes are set on Linux only"
)


def _pipe_bytes(connection: object) -> int:
    import fcntl

    return fcntl.fcntl(connection.fileno(), fcntl.F_GETPIPE_SZ)  # type: ignore[attr-defined]


def test_a_widened_pipe_holds_a_batch_and_carries_it_whole() -> None:
    receiving, sending = multiprocessing.Pipe(duplex=False)
    try:
        assert _pipe_bytes(sending) == 64 * 1024
        widen_pipe(sending)
        assert _pipe_bytes(sending) == PIPE_BYTES
        # 0.9 MB written with nobody reading yet: it fits, and arrives as it was sent.
        message = bytes(range(256)) * 3500
        sending.send_bytes(message)
        assert receiving.recv_bytes() == message
    finally:
        receiving.close()
        sending.close()


def test_the_validation_pools_pipes_are_widened_both_ways() -> None:
    with contact_import.validation_pool(1) as pool:
        assert pool.submit(int, "7").result() == 7
        channels = (pool._call_queue, pool._result_queue)  # type: ignore[attr-defined]
        assert [_pipe_bytes(channel._writer) for channel in channels] == [PIPE_BYTES] * 2
