"""What one user may keep in the hub's database through its API: bodies of a bounded size, and a bounded number of tokens.

The hub's database is root's, in the hub's folder, outside any student's disk quota, and JupyterHub
takes whatever its API is sent: a token's note of 5 MB was kept whole (its column says 1023
characters, which SQLite does not hold to), and tokens without number, so a student's script
filled the disk that the homes, the exchange and the course share, past her quota
(`--disk-quota-mb`), one request at a time. Every JSON body the API reads is now at most
MAX_BODY_BYTES, and a user holds at most MAX_TOKENS tokens made on the token page or through the
API (her server's own among them; those a browser gets for her server are kept apart, and expire).
"""
from jupyterhub.apihandlers.base import APIHandler
from jupyterhub.apihandlers.users import UserTokenListAPIHandler
from tornado import web

MAX_BODY_BYTES = 64 * 1024
MAX_TOKENS = 40
# the client of tokens made on the token page, through the API and for a server at its start
HUB_CLIENT = "jupyterhub"


def _bounded_json_body(read_json_body):
    def get_json_body(self):
        size = len(self.request.body or b"")
        if size > MAX_BODY_BYTES:
            raise web.HTTPError(413, f"The hub's API takes a body of at most {MAX_BODY_BYTES // 1024} KB; this one has {size} bytes")
        return read_json_body(self)

    return get_json_body


def _tokens_held(user):
    return [token for token in user.orm_user.api_tokens if token.client_id == HUB_CLIENT]


def _bounded_token_count(make_token):
    async def post(self, user_name):
        # counted once the request has made its token, so that every way of asking (a session, a
        # token, a password in the body) is counted after JupyterHub has checked it
        await make_token(self, user_name)
        owner = self.find_user(user_name)
        held = _tokens_held(owner) if owner is not None else []
        if len(held) > MAX_TOKENS:
            self.db.delete(max(held, key=lambda token: token.id))
            self.db.commit()
            self.clear()
            raise web.HTTPError(
                403,
                f"{user_name} holds {MAX_TOKENS} tokens, the most this hub keeps for one user: delete those no longer used on the hub's token page (/hub/token)",
            )

    return post


def bound_hub_api():
    """Puts both bounds on JupyterHub's API handlers (once)."""
    if getattr(APIHandler, "_neural_mi_bounded", False):
        return
    APIHandler.get_json_body = _bounded_json_body(APIHandler.get_json_body)
    UserTokenListAPIHandler.post = _bounded_token_count(UserTokenListAPIHandler.post)
    APIHandler._neural_mi_bounded = True
