"""A kernel manager that notices at once that the kernel it stopped has ended.

jupyter_client, having killed a kernel (or asked it to shut down), looks every 0.1 s whether
the process is still there: a kernel that ends within a few milliseconds of its SIGKILL still
cost its notebook 0.1 s of waiting, and every graded or validated notebook stops one kernel.
Here the first look comes after 2 ms and the interval doubles up to jupyter_client's own, so a
kernel that takes long to end is looked at no more often than before. The caller's time limit
on the wait (wait_for around it) is unchanged.
"""

import asyncio

FIRST_LOOK_SECONDS = 0.002


class PromptExitWait:
    """Mixin for a jupyter_client KernelManager (before it in the bases)."""

    async def _async_wait(self, pollinterval=0.1):
        delay = FIRST_LOOK_SECONDS
        while await self._async_is_alive():
            await asyncio.sleep(min(delay, pollinterval))
            delay *= 2


def prompt_exit(manager_class):
    """`manager_class` with PromptExitWait's wait (itself when it has it already)."""
    if issubclass(manager_class, PromptExitWait):
        return manager_class
    return type(f"PromptExit{manager_class.__name__}", (PromptExitWait, manager_class), {})
