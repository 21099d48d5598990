"""Settings and file locations.

Sources, highest first: arguments to `Settings(...)`, environment variables, a `.env` file in the
working directory, then `config.toml` in the user config dir; every source names a setting by its
environment variable, in any case. `INTERVIEWER_HOME` moves every directory we write to under one
folder, which is how tests (and people with several profiles) keep data apart.

`Settings` is a plain pydantic model whose fields are the one definition of every setting (type,
default, bounds, variable name); `_gather` reads the sources by those fields' names. This used to
be pydantic-settings, whose import (asyncio, its cloud-provider sources) cost a third of a read
command's start-up on top of Typer and pydantic, for three dictionary look-ups (issue 16).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, BaseModel, ConfigDict, Field, SecretStr, field_validator

APP_NAME = "interviewer"
DEFAULT_MODEL = "gpt-5-mini"
MIN_JWT_SECRET_BYTES = 32


@dataclass(frozen=True)
class Paths:
    """Where we keep data (database, JWT secret), config (config.toml) and state (session file)."""

    data: Path
    config: Path
    state: Path

    @classmethod
    def resolve(cls, home: str | os.PathLike[str] | None = None) -> Paths:
        home = home if home is not None else os.environ.get("INTERVIEWER_HOME") or None
        if home:
            root = Path(home).expanduser()
            return cls(data=root / "data", config=root / "config", state=root / "state")
        import platformdirs

        return cls(
            data=Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            config=Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            state=Path(platformdirs.user_state_dir(APP_NAME, appauthor=False)),
        )

    @property
    def config_file(self) -> Path:
        return self.config / "config.toml"

    @property
    def default_database(self) -> Path:
        return self.data / "interviewer.db"


def _env(*names: str) -> AliasChoices:
    return AliasChoices(*names)


class Settings(BaseModel):
    """Every knob of the app. Each is documented in `.env.example`.

    `Settings(**overrides)` reads the sources (see the module docstring); an override is named by
    its field or its environment variable."""

    model_config = ConfigDict(extra="ignore", validate_default=True)

    def __init__(self, **overrides: Any) -> None:
        super().__init__(**_gather(overrides))

    home: Path | None = Field(
        default=None,
        validation_alias=_env("INTERVIEWER_HOME"),
        description="Moves the data, config and state directories under this folder.",
    )
    database_url: str | None = Field(
        default=None,
        validation_alias=_env("DATABASE_URL"),
        description="SQLAlchemy URL; empty means a SQLite file in the data dir.",
    )
    sqlite_synchronous: Literal["full", "normal"] = Field(
        default="full",
        validation_alias=_env("INTERVIEWER_SQLITE_SYNCHRONOUS"),
        description="SQLite fsync policy: full survives power loss; normal only process crashes.",
    )
    db_reconnect_seconds: float = Field(
        default=30.0,
        ge=0,
        le=600,
        validation_alias=_env("INTERVIEWER_DB_RECONNECT_SECONDS"),
        description="How long to keep reconnecting to a PostgreSQL server that went away.",
    )
    openai_api_key: SecretStr | None = Field(
        default=None,
        validation_alias=_env("OPENAI_API_KEY"),
        description="OpenAI (or compatible) API key; without it the offline interviewer runs.",
    )
    openai_base_url: str | None = Field(
        default=None,
        validation_alias=_env("OPENAI_BASE_URL"),
        description="Any OpenAI-compatible endpoint (Ollama, vLLM, LM Studio, a gateway).",
    )
    model: str = Field(
        default=DEFAULT_MODEL,
        validation_alias=_env("INTERVIEWER_MODEL"),
        description="Model name sent to the provider.",
    )
    openai_timeout: float = Field(
        default=60.0,
        gt=0,
        validation_alias=_env("INTERVIEWER_OPENAI_TIMEOUT"),
        description="Seconds before one model request is abandoned and retried.",
    )
    openai_max_retries: int = Field(
        default=4,
        ge=0,
        le=10,
        validation_alias=_env("INTERVIEWER_OPENAI_MAX_RETRIES"),
        description="Retries on 429, 5xx, timeouts and broken streams before giving up.",
    )
    interviewer_temperature: float | None = Field(
        default=0.2,
        ge=0,
        le=2,
        validation_alias=_env("INTERVIEWER_TEMPERATURE"),
        description="Sampling temperature for grading (low: the same answer gets the same grade); "
        "`default` sends none. Questions always use the model's default.",
    )
    offline: bool = Field(
        default=False,
        validation_alias=_env("INTERVIEWER_OFFLINE"),
        description="Use the built-in offline interviewer even when an API key is set.",
    )
    jwt_secret: SecretStr | None = Field(
        default=None,
        validation_alias=_env("INTERVIEWER_JWT_SECRET"),
        description="HS256 signing secret (>= 32 bytes); generated and kept 0600 when unset.",
    )
    token_audience: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        validation_alias=_env("INTERVIEWER_TOKEN_AUDIENCE"),
        description="The deployment's name in its access tokens (`aud`); default: derived from "
        "the signing key. Set the same on every replica that shares the key.",
    )
    access_token_ttl: int = Field(
        default=15 * 60,
        ge=1,
        validation_alias=_env("INTERVIEWER_ACCESS_TOKEN_TTL"),
        description="Access token lifetime in seconds.",
    )
    refresh_token_ttl_days: int = Field(
        default=30,
        ge=1,
        validation_alias=_env("INTERVIEWER_REFRESH_TOKEN_TTL_DAYS"),
        description="Absolute lifetime of a login (refresh-token family) in days.",
    )
    refresh_token_idle_days: int = Field(
        default=7,
        ge=1,
        validation_alias=_env("INTERVIEWER_REFRESH_TOKEN_IDLE_DAYS"),
        description="A session unused for this many days expires.",
    )
    session_store: Literal["auto", "keyring", "file"] = Field(
        default="auto",
        validation_alias=_env("INTERVIEWER_SESSION_STORE"),
        description="Where the local session lives: OS keyring, a 0600 file, or auto.",
    )
    # -- the terminal app as a client of `interviewer serve` -------------------------------------
    server: str | None = Field(
        default=None,
        validation_alias=_env("INTERVIEWER_SERVER"),
        description="URL of an `interviewer serve` to use instead of a database (team use); "
        "`interviewer login --server URL` remembers one too.",
    )
    ca_bundle: Path | None = Field(
        default=None,
        validation_alias=_env("INTERVIEWER_CA_BUNDLE"),
        description="PEM file of the CA(s) that signed the server's certificate (a private CA); "
        "default: SSL_CERT_FILE, else the bundled public CAs.",
    )
    insecure_http: bool = Field(
        default=False,
        validation_alias=_env("INTERVIEWER_INSECURE_HTTP"),
        description="Allow plain http:// to a server that is not on this computer (loopback).",
    )
    server_timeout: float = Field(
        default=30.0,
        gt=0,
        le=600,
        validation_alias=_env("INTERVIEWER_SERVER_TIMEOUT"),
        description="Seconds to wait for the server to connect or answer before it counts as "
        "unreachable.",
    )
    server_retry_seconds: float = Field(
        default=60.0,
        ge=0,
        le=3600,
        validation_alias=_env("INTERVIEWER_SERVER_RETRY_SECONDS"),
        description="How long an interview keeps reconnecting to a server that went away before "
        "it is left paused here with its unsent answers.",
    )
    smtp_host: str | None = Field(default=None, validation_alias=_env("SMTP_HOST"))
    smtp_port: int = Field(default=587, validation_alias=_env("SMTP_PORT"))
    smtp_username: str | None = Field(default=None, validation_alias=_env("SMTP_USERNAME"))
    smtp_password: SecretStr | None = Field(default=None, validation_alias=_env("SMTP_PASSWORD"))
    smtp_from: str = Field(default="interviewer@localhost", validation_alias=_env("SMTP_FROM"))
    smtp_starttls: bool = Field(default=True, validation_alias=_env("SMTP_STARTTLS"))

    # -- `interviewer serve` ------------------------------------------------------------------
    server_email_verification: Literal["auto", "on", "off"] = Field(
        default="auto",
        validation_alias=_env("INTERVIEWER_SERVER_EMAIL_VERIFICATION"),
        description="Sign-up through /api mails a verification link: auto = when SMTP is set.",
    )
    frontend_url: str = Field(
        default="http://127.0.0.1:5173/",
        validation_alias=_env("INTERVIEWER_FRONTEND_URL"),
        description="The web client's address, ending in '/': links in verification/reset mail.",
    )
    cors_origins: str = Field(
        default="",
        validation_alias=_env("INTERVIEWER_CORS_ORIGINS"),
        description="Comma-separated origins allowed to call the server from a browser.",
    )
    web_client_dir: Path | None = Field(
        default=None,
        validation_alias=_env("INTERVIEWER_WEB_CLIENT_DIR"),
        description="A built web client (its dist/ with index.html) to serve at /, with "
        "index.html for every path that is not the API: same origin, no CORS needed.",
    )
    web_access_token_ttl: int = Field(
        default=36000,
        ge=60,
        validation_alias=_env("INTERVIEWER_WEB_ACCESS_TOKEN_TTL"),
        description="Access token lifetime (s) for /api logins: the web client never refreshes.",
    )
    server_daily_interviews: int = Field(
        default=20,
        ge=0,
        validation_alias=_env("INTERVIEWER_SERVER_DAILY_INTERVIEWS"),
        description="Interviews a user may start per UTC day (the web client's credits).",
    )
    server_daily_tokens: int = Field(
        default=1_000_000,
        ge=0,
        validation_alias=_env("INTERVIEWER_SERVER_DAILY_TOKENS"),
        description="Model tokens a user may spend per UTC day (the server pays the bill).",
    )
    server_max_body_bytes: int = Field(
        default=256 * 1024,
        ge=1024,
        validation_alias=_env("INTERVIEWER_SERVER_MAX_BODY_BYTES"),
        description="Largest request body the server reads; larger ones get 413.",
    )
    server_login_attempts: int = Field(
        default=30,
        ge=1,
        validation_alias=_env("INTERVIEWER_SERVER_LOGIN_ATTEMPTS"),
        description="Login attempts one client address may make per 5 minutes.",
    )

    @field_validator("frontend_url")
    @classmethod
    def _frontend_url_ends_with_slash(cls, value: str) -> str:
        return value if value.endswith("/") else value + "/"

    @field_validator("ca_bundle", mode="before")
    @classmethod
    def _blank_path_is_unset(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("openai_api_key", "jwt_secret", "smtp_password", mode="before")
    @classmethod
    def _blank_is_unset(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("database_url", "openai_base_url", "smtp_host", "server", mode="before")
    @classmethod
    def _blank_str_is_unset(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("interviewer_temperature", mode="before")
    @classmethod
    def _default_temperature_is_none(cls, value: Any) -> Any:
        # `default` (or blank) means: send no temperature, the model uses its own
        if isinstance(value, str) and value.strip().lower() in ("", "default", "none"):
            return None
        return value

    @field_validator("jwt_secret")
    @classmethod
    def _jwt_secret_long_enough(cls, value: SecretStr | None) -> SecretStr | None:
        # A short or placeholder secret makes every token forgeable; refuse it at start.
        if value is not None and len(value.get_secret_value().encode()) < MIN_JWT_SECRET_BYTES:
            raise ValueError(f"must be at least {MIN_JWT_SECRET_BYTES} bytes (or unset)")
        return value

    @property
    def paths(self) -> Paths:
        return Paths.resolve(self.home)

    @property
    def effective_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.paths.default_database}"

    @property
    def use_offline(self) -> bool:
        return self.offline or self.openai_api_key is None

    @property
    def smtp_configured(self) -> bool:
        return self.smtp_host is not None


def _variables() -> dict[str, str]:
    """Each setting's environment variables, lower-cased: the name the model validates by."""
    names: dict[str, str] = {}
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        for choice in alias.choices if isinstance(alias, AliasChoices) else [name]:
            names[str(choice).lower()] = str(choice)
    return names


def _gather(overrides: dict[str, Any]) -> dict[str, Any]:
    """The raw values of every source, by variable name, the higher source winning: config.toml
    (by variable or field name), then .env, then the environment, then `overrides` (by variable
    or field name). Validation is the model's."""
    variables = _variables()
    by_field = {name: _first_variable(name) for name in Settings.model_fields}
    values: dict[str, Any] = {}
    toml_path = _config_file_for_sources()
    if toml_path.is_file():
        import tomllib

        # a TOML file reads naturally with `server = "…"` as well as `INTERVIEWER_SERVER = "…"`
        toml = tomllib.loads(toml_path.read_text("utf-8"))
        values.update(_named(toml, {**by_field, **variables}))
    if Path(".env").is_file():
        from dotenv import dotenv_values

        found = dotenv_values(".env", encoding="utf-8")
        values.update(_named({k: v for k, v in found.items() if v is not None}, variables))
    values.update(_named(dict(os.environ), variables))
    values.update(_named(overrides, {**by_field, **variables}))
    return values


def _first_variable(name: str) -> str:
    alias = Settings.model_fields[name].validation_alias
    return str(alias.choices[0]) if isinstance(alias, AliasChoices) else name


def _named(source: dict[str, Any], names: dict[str, str]) -> dict[str, Any]:
    return {names[key.lower()]: value for key, value in source.items() if key.lower() in names}


def _config_file_for_sources() -> Path:
    # The TOML file's location depends on INTERVIEWER_HOME, which may come from .env too.
    home = os.environ.get("INTERVIEWER_HOME")
    if not home:
        from dotenv import dotenv_values

        home = dotenv_values(".env").get("INTERVIEWER_HOME") if Path(".env").is_file() else None
    return Paths.resolve(home or None).config_file


def check_settings_files() -> None:
    """Refuse, in one line (UsageError, exit 2), a `.env` or `config.toml` we would misread.

    Without this a directory in their place was skipped silently, and a malformed `.env` line
    made python-dotenv print warnings and carry on without it. The line's text is not quoted
    back: a line such as `OPENAI_API_KEY sk-...` (the `=` forgotten) holds a secret.
    """
    from interviewer_tui.errors import UsageError

    dotenv_path = Path(".env")
    if dotenv_path.exists():
        _check_dotenv(dotenv_path)
    toml_path = _config_file_for_sources()  # reads .env, so only once it is known to be sound
    if toml_path.exists() and not toml_path.is_file():
        raise UsageError(f"the config file {toml_path} is not a regular file (a directory?)")


def _check_dotenv(dotenv_path: Path) -> None:
    from dotenv.parser import parse_stream

    from interviewer_tui.errors import UsageError

    if not dotenv_path.is_file():
        raise UsageError(
            f"the .env file {dotenv_path.resolve()} is not a regular file (a directory?)"
        )

    try:
        text = dotenv_path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) else "it is not UTF-8 text"
        raise UsageError(f"cannot read the .env file {dotenv_path.resolve()}: {reason}") from None
    import io

    bad = [b.original.line for b in parse_stream(io.StringIO(text)) if b.error]
    if bad:
        lines = ", ".join(str(n) for n in bad[:5]) + (" ..." if len(bad) > 5 else "")
        raise UsageError(
            f"the .env file {dotenv_path.resolve()} has lines that are not NAME=value "
            f"(line {lines}): fix or remove them"
        )


def load_settings(**overrides: Any) -> Settings:
    """Build settings, turning pydantic's validation report into one readable UsageError."""
    from pydantic import ValidationError as PydanticValidationError

    from interviewer_tui.errors import UsageError

    check_settings_files()
    try:
        return Settings(**overrides)
    except PydanticValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or 'settings'}: {err['msg']}"
            for err in exc.errors(include_input=False)
        )
        raise UsageError(f"invalid configuration: {problems}") from None
    except (OSError, ValueError) as exc:
        raise UsageError(f"could not read configuration: {exc}") from None


SECRET_FIELDS = frozenset({"openai_api_key", "jwt_secret", "smtp_password"})


def describe_settings(settings: Settings) -> list[tuple[str, str, str]]:
    """(env name, masked value, origin) for `interviewer config show`."""
    from dotenv import dotenv_values

    from interviewer_tui.core.redact import redact

    dotenv = (
        {k.upper(): v for k, v in dotenv_values(".env").items()} if Path(".env").is_file() else {}
    )
    toml_path = settings.paths.config_file
    toml: dict[str, Any] = {}
    if toml_path.is_file():
        import tomllib

        toml = {k.lower(): v for k, v in tomllib.loads(toml_path.read_text("utf-8")).items()}
    env = {k.upper(): v for k, v in os.environ.items()}
    rows: list[tuple[str, str, str]] = []
    for name, field in Settings.model_fields.items():
        alias = field.validation_alias
        choices = alias.choices if isinstance(alias, AliasChoices) else [name]
        env_name = str(choices[0])
        if env_name.upper() in env:
            origin = "environment"
        elif env_name.upper() in dotenv:
            origin = f".env ({Path('.env').resolve()})"
        elif name in toml or env_name.lower() in toml:
            origin = f"config file ({toml_path})"
        else:
            origin = "default"
        value = getattr(settings, name)
        if name in SECRET_FIELDS:
            shown = "(not set)" if value is None else "********"
        elif value is None:
            shown = "(not set)"
        else:  # any URL setting (DATABASE_URL, OPENAI_BASE_URL...) may carry a credential
            shown = redact(str(value))
        rows.append((env_name, shown, origin))
    return rows
