"""A kernel client that is ready as soon as the kernel has answered, without a wait for silence.

jupyter_client's wait for a new kernel ends, after the kernel's answer to kernel_info and a first
message on IOPub, by reading IOPub until nothing has come for 0.2 s: every notebook graded,
validated or run by nbgrader waited those 0.2 s before its first cell. The messages it would have
dropped there (the status of that kernel_info) belong to no cell, and the runner and nbclient take
each cell's messages by the id of its request and pass over any other, so nothing is lost by
leaving them where they are.
"""

import time
from queue import Empty

from jupyter_client.asynchronous import AsyncKernelClient

# how long one kernel_info request is waited for before it is sent again (the kernel may still be loading)
REPLY_WAIT_SECONDS = 1.0
# how long the IOPub message that follows the answer is waited for: none means IOPub is not yet
# connected (a subscriber misses what was published before it joined), and the request is sent again
IOPUB_WAIT_SECONDS = 0.2


class PromptReadyClient(AsyncKernelClient):
    async def wait_for_ready(self, timeout=None):
        deadline = time.monotonic() + (float("inf") if timeout is None else timeout)
        while True:
            self.kernel_info()
            try:
                answer = await self.shell_channel.get_msg(timeout=REPLY_WAIT_SECONDS)
            except Empty:
                answer = None
            if answer is not None and answer["msg_type"] == "kernel_info_reply":
                try:
                    await self.iopub_channel.get_msg(timeout=IOPUB_WAIT_SECONDS)
                except Empty:
                    pass
                else:
                    self._handle_kernel_info_reply(answer)
                    return
            if not await self._async_is_alive():
                raise RuntimeError("Kernel died before replying to kernel_info")
            if time.monotonic() > deadline:
                raise RuntimeError(f"Kernel didn't respond in {timeout:.0f} seconds")
