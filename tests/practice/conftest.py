from tests.cli.conftest import cli, logged_in, sqlite_cli  # noqa: F401
from tests.fakes.fixtures import openai_env, openai_server  # noqa: F401
from tests.services.conftest import user_id  # noqa: F401
