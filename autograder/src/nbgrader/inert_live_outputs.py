"""What a student's code displays, run in the instructor's JupyterLab, runs nothing in the instructor's browser.

A notebook the instructor opens from the course's submitted/, autograded/ or feedback/ runs its kernel
confined (server_kernel_sockets.py), but its outputs still reach the instructor's page: JupyterLab
trusts every output of a cell it runs, so a submission's `tslab.display.html('<img src=x onerror="…">')`
(or an `application/javascript` display, or a widget's view) ran its script in the instructor's session
on "Run All", where the Jupyter server's API reads the course's source (the hidden tests), starts an
unconfined kernel and enters points in the formgrader. This websocket connection gives the page of such
a kernel only displays that run nothing, as the formgrader's copy of the notebook has them (inert_html.py:
text, images, the course's JSON, HTML cleaned of all but plain markup); a comm (the widgets' channel),
which no course notebook uses, is not passed on. The instructor's own notebooks' outputs pass as they are.
"""
from jupyter_client.session import DELIM
from jupyter_server.services.kernels.connection.channels import ZMQChannelsWebsocketConnection

from inert_html import inert_output

DISPLAYS = {"display_data", "execute_result", "update_display_data"}


class InertStudentsOutputs(ZMQChannelsWebsocketConnection):
    def handle_outgoing_message(self, stream, outgoing_msg):
        channel = stream if isinstance(stream, str) else getattr(stream, "channel", None)
        if channel == "iopub" and getattr(self.kernel_manager, "students_work", None):
            outgoing_msg = self._inert(outgoing_msg)
            if outgoing_msg is None:
                return
        super().handle_outgoing_message(stream, outgoing_msg)

    def _inert(self, msg_list):
        """The message with its display made inert (signed again), the message as it came, or None (a comm, a display unreadable)."""
        identities, parts = self.session.feed_identities(msg_list)
        header = self.session.unpack(parts[1])
        kind = header.get("msg_type", "")
        if kind.startswith("comm_"):
            return None
        if kind not in DISPLAYS:
            return msg_list
        try:
            content = self.session.unpack(parts[4])
        except ValueError:
            return None
        if not isinstance(content, dict):
            return None
        inert_output(content)
        if not isinstance(content.get("data"), dict):
            content["data"] = {}
        content["metadata"] = {}
        signed = [parts[1], parts[2], parts[3], self.session.pack(content)]
        return [*identities, DELIM, self.session.sign(signed), *signed, *parts[5:]]
