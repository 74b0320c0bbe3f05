"""What one user may keep in the hub's database through its API: bodies of a bounded size, and a bounded number of tokens.

The hub's database is root's, in the hub's folder, outside any student's disk quota, and JupyterHub
takes whatever its API is sent: a token's note of 5 MB was kept whole (its column says 1023
characters, which SQLite does not hold to), and tokens without number, so a student's script
filled the disk that the homes, the exchange and the course share, past her quota
(`--disk-quota-mb`), one request at a time. Every JSON body the API reads is now at most
MAX_BODY_BYTES, and a user holds at most MAX_TOKENS tokens made on the token page or through the
API (her server's own among them). The tokens and codes of OAuth, which a browser gets for a user's server
at each visit without its cookie (a script of hers drops the cookie at will), were kept without number until
they expired, two weeks for a token: a user now keeps her newest MAX_TOKENS of each client's tokens and her
newest MAX_CODES codes, the older ones deleted as a new one is saved (the oldest browser's session of that
server then logs in again).
"""
from jupyterhub import orm
from jupyterhub.apihandlers.base import APIHandler
from jupyterhub.apihandlers.users import UserTokenListAPIHandler
from jupyterhub.oauth.provider import JupyterHubRequestValidator
from tornado import web

MAX_BODY_BYTES = 64 * 1024
MAX_TOKENS = 40
# codes live 5 minutes, a browser exchanges its code within a second
MAX_CODES = 40
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


def _orm_user_id(user):
    return getattr(user, "orm_user", user).id


def _keep_newest(db, query, most):
    """Deletes what `query` (ordered newest first) holds past its first `most`."""
    old = query.offset(most).all()
    for row in old:
        db.delete(row)
    if old:
        db.commit()


def _bounded_client_tokens(save_bearer_token):
    def save(self, token, request, *args, **kwargs):
        redirect = save_bearer_token(self, token, request, *args, **kwargs)
        tokens = self.db.query(orm.APIToken).filter_by(user_id=_orm_user_id(request.user), client_id=request.client.client_id)
        _keep_newest(self.db, tokens.order_by(orm.APIToken.id.desc()), MAX_TOKENS)
        return redirect

    return save


def _bounded_codes(save_authorization_code):
    def save(self, client_id, code, request, *args, **kwargs):
        saved = save_authorization_code(self, client_id, code, request, *args, **kwargs)
        codes = self.db.query(orm.OAuthCode).filter_by(user_id=_orm_user_id(request.user))
        _keep_newest(self.db, codes.order_by(orm.OAuthCode.id.desc()), MAX_CODES)
        return saved

    return save


def bound_hub_api():
    """Puts the bounds on JupyterHub's API handlers and its OAuth provider (once)."""
    if getattr(APIHandler, "_neural_mi_bounded", False):
        return
    APIHandler.get_json_body = _bounded_json_body(APIHandler.get_json_body)
    UserTokenListAPIHandler.post = _bounded_token_count(UserTokenListAPIHandler.post)
    JupyterHubRequestValidator.save_bearer_token = _bounded_client_tokens(JupyterHubRequestValidator.save_bearer_token)
    JupyterHubRequestValidator.save_authorization_code = _bounded_codes(JupyterHubRequestValidator.save_authorization_code)
    APIHandler._neural_mi_bounded = True
