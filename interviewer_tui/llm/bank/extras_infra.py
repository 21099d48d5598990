"""Paraphrases, probes and misconceptions for the questions of `focus_infra`, by question id."""
# ruff: noqa: E501  (prose data)

from __future__ import annotations

from interviewer_tui.llm.bank.model import Extra
from interviewer_tui.llm.bank.model import wrong as w

EXTRAS: dict[str, Extra] = {
    # -- queues and streaming -------------------------------------------------------------------
    "queues_streaming-easy-1": Extra(
        {
            "decoupling": "produc*/sender* not/doesn't need/know/care consumer*/receiver*; deploy*/scal* separate*/own",
            "asynchronous processing": "later; respond* user* immediate*/right_away work happen* after",
            "absorbing load spikes": "sudden*/traffic surge*/rush*; queue* grow* catch* up",
            "reliability when the consumer is down": "consumer*/receiver* crash*/offline/restart* message* wait*/kept/safe",
        },
        (
            w(
                "a queue makes each request faster end to end",
                "queue make*/speed* request*/processing faster; queue* reduc* latency every",
                "a queue adds a hop and the work happens later; it decouples services and absorbs spikes, it does not make the work itself faster.",
                "Are you sure the work gets faster? When does the consumer actually do it?",
            ),
        ),
    ),
    "queues_streaming-easy-2": Extra(
        {
            "a separate queue for failed messages": "side/special/own queue fail*/bad/broken message*; broker mov*/put* message* aside",
            "after repeated failures or max retries": "tried/attempt*/deliver* several/number/n time*/count fail*; too many attempt*",
            "prevents blocking the main queue": "hold* up/back; redeliver* forever/endless*; rest* queue* keep* flow*/mov*",
            "inspect and replay": "look*/examin* later fix* push*/send*/mov* back; alarm on size",
        },
        (
            w(
                "successfully processed messages go to the dead letter queue",
                "success* process* message* dead letter/dlq; archiv* dlq",
                "a dead letter queue holds messages that could not be processed after repeated attempts (or expired or were rejected), not successes.",
                "Are you sure it holds successes? Which messages would you want someone to look at?",
            ),
        ),
    ),
    "queues_streaming-medium-1": Extra(
        {
            "at-most-once may lose messages": "ack* before process*/handl* crash* gone/lost; never twice may lose",
            "at-least-once may duplicate": "redeliver*/again/twice/same message crash* before ack*; nothing lost duplicat*",
            "ack after processing": "acknowledg*/confirm*/commit* after/only done/work/handl*/process*",
            "exactly-once is effectively-once via idempotency": "handler/consumer safe repeat*; message id record* transaction; upsert*",
        },
        (
            w(
                "exactly-once is the default and duplicates never happen",
                "exactly once default; never/no duplicat*; don't/not worry duplicat*",
                "brokers deliver at-least-once in practice; end-to-end exactly-once needs idempotent handlers (or Kafka transactions only within Kafka).",
                "Are you sure duplicates never happen? What happens if a consumer crashes after its work but before the ack?",
            ),
            w(
                "at-least-once is the mode that loses messages",
                "at least once lose*/lost/loss; nobody use* at least",
                "at-least-once never loses a message but may deliver it twice; at-most-once is the one that can lose messages.",
                "Are you sure? If the ack is sent only after processing, how could a message be lost?",
            ),
        ),
    ),
    "queues_streaming-medium-2": Extra(
        {
            "ordering only within a partition": "order* guarantee* only/inside/single partition*; no order* across/between partition*",
            "message key chooses the partition": "same key same partition; key decid*/determin* partition",
            "consumer group: one consumer per partition": "each partition read*/consum* one/single consumer group",
            "limits: retries, repartitioning, parallelism": "retr* reorder*/out order; add* partition* key* mov*; parallel* limit* partition count",
        },
        (
            w(
                "Kafka keeps a global order across the whole topic",
                "global*/total* order* topic; whole/entire topic order*",
                "Kafka orders messages only within a partition; a topic with many partitions has no global order.",
                "Are you sure the whole topic is ordered? What order do messages in two different partitions have?",
            ),
        ),
    ),
    "queues_streaming-hard-1": Extra(
        {
            "measure lag per partition": "offset* behind each/every partition; lag metric*/graph* partition*",
            "hot partitions or key skew": "one/few partition* get*/receiv* most/more traffic/message*; key* unbalanc*",
            "slow processing per message": "each message take* long/slow; database/api call* per message",
            "scale consumers up to partition count": "add* consumer* up/until partition* count/number",
            "batching and async processing": "process* group*/bulk/several message* at_once/together",
            "rebalancing issues": "consumer* kick*/leav*/join* group reassign*; poll interval exceed*",
        },
        (
            w(
                "adding consumers always fixes lag",
                "add*/more consumer* always fix*/solv*; just add consumer*",
                "consumers beyond the partition count sit idle, and a hot partition or a slow downstream is not fixed by more consumers.",
                "Are you sure more consumers always help? What does consumer number 13 do on a 12-partition topic?",
            ),
        ),
    ),
    "queues_streaming-hard-2": Extra(
        {
            "the dual-write problem": "write* database then/and publish*/send* crash* between/after; one succeed* other fail*",
            "transactional outbox": "event* row*/table same transaction/commit",
            "relay or change data capture": "separate process/worker read* publish*; tail*/read* database log",
            "at-least-once with idempotent consumers": "event* twice/again/duplicat* consumer* handl*/safe",
            "ordering and cleanup": "delete*/remov*/purg* sent/publish* row*/event*; order* id/sequence",
        },
        (
            w(
                "writing to the database and then publishing is reliable enough",
                "write* database then publish*/send* reliabl*/fine/enough/safe; just publish after commit",
                "a crash between the commit and the publish loses the event, and publishing first can invent one; write the event in the same transaction (outbox) and relay it.",
                "Are you sure? What happens if the process dies right after the commit and before the publish?",
            ),
        ),
    ),
    # -- distributed systems --------------------------------------------------------------------
    "distributed_systems-easy-1": Extra(
        {
            "during a partition choose C or A": "node* cannot/can't talk/reach/communicat* refus*/reject*/stale/keep answer*; split either or",
            "partitions are unavoidable": "network* do/will split*/fail*; cannot/can't opt out partition*; real choice",
            "examples of CP and AP systems": "hbase/mongodb/riak/couchdb/spanner; bank* consisten*; shopping cart* availab*",
        },
        (
            w(
                "you can always have all three",
                "always/all three together/same time; strong enough database all three; always have consisten* availab* partition*",
                "CAP says that during a network partition a system must give up either consistency or availability; you cannot have all three then.",
                "Are you sure you get all three? What does a node do when it cannot reach the others and receives a write?",
            ),
            w(
                "CAP is about caching and performance",
                "cap caching/cache*/performance/fast; c stand* cach*; about caching/performance",
                "CAP is about consistency, availability and partition tolerance in replicated systems, not caching or performance.",
                "Are you sure it is about performance? What does the theorem say a system has to give up, and when?",
            ),
        ),
    ),
    "distributed_systems-easy-2": Extra(
        {
            "failures, latency and partial failure": "network drop*/slow/down/unreliab*; request* reach*/arriv* reply lost; don't/cannot know whether",
            "timeouts": "wait* forever/limit/deadline; give up after",
            "retries with backoff": "tr* again wait* longer/exponential*/random*; jitter",
            "idempotency for safe retries": "repeat*/twice safe/same effect; unique request id",
        },
        (
            w(
                "a network call is as reliable as a function call if the code is right",
                "network call* same/as reliable function; never fail* correct code",
                "a network call can fail, be slow, or succeed without you hearing back, whatever your code does; you need timeouts, retries and idempotency.",
                "Are you sure? What does your code know when the reply simply never arrives?",
            ),
            w(
                "retry immediately and forever",
                "retr* immediate*/forever/endless*/infinite*; keep retr* until",
                "unbounded immediate retries amplify an outage; retry a few times with exponential backoff and jitter, within a deadline.",
                "Are you sure? What do a thousand clients retrying instantly do to a struggling service?",
            ),
        ),
    ),
    "distributed_systems-medium-1": Extra(
        {
            "a hash ring of nodes and keys": "hash node* key* same space/circle/range; place* node* ring",
            "key goes to the next node clockwise": "key belong*/go*/assign* next/nearest/following node",
            "adding a node moves few keys": "add*/remov* node* only neighbo*/some key* mov*; not rehash* everything/all",
            "virtual nodes for balance": "each node many point*/position*/token*; spread load even*",
        },
        (
            w(
                "adding a node remaps almost every key",
                "add* node* remap*/mov*/reshuffl* all/every/most key*",
                "that is plain hash-mod-N; consistent hashing moves only about 1/N of the keys when a node joins or leaves.",
                "Are you sure? With consistent hashing, which keys move when a node joins?",
            ),
        ),
    ),
    "distributed_systems-medium-2": Extra(
        {
            "stop calling a failing dependency": "stop* send*/call* request* fail*/sick/dead service/dependency; fail* immediate*/fast",
            "closed, open and half-open states": "trip*; trial/test request* after cool*/wait; let few through",
            "threshold to trip": "fail*/error* rate/count/percent* over/exceed* limit",
            "prevents cascading failure": "thread*/connection* pile* up; one failure spread*/drag*; give* time recover*",
        },
        (
            w(
                "a circuit breaker retries until the call succeeds",
                "circuit breaker retr* until/forever succeed*; errors never reach user*",
                "a circuit breaker does the opposite of retrying: after too many failures it stops calling the dependency for a while and fails fast.",
                "Are you sure it retries? What does an open breaker do with the next call?",
            ),
        ),
    ),
    "distributed_systems-hard-1": Extra(
        {
            "terms and leader election by majority vote": "candidate* request* vote*; most/more_than_half node* vote*",
            "log replication to followers": "leader send*/copi* entr* follower*",
            "commit once a majority acknowledges": "most/more_than_half node*/follower* stor*/ack*/confirm* entr* commit*",
            "partition: the minority side cannot commit": "smaller side/group cannot/can't elect/commit/progress; old leader step* down",
            "election timeouts randomised": "random* wait*/delay*; avoid split vote*",
        },
        (
            w(
                "both sides of a partition keep accepting writes",
                "both side* accept*/keep/commit* write*; two leader* commit*",
                "only the side with a majority can elect a leader and commit; the minority side cannot commit anything, so there is no split brain.",
                "Are you sure both sides commit? How many votes does a leader need to commit an entry?",
            ),
        ),
    ),
    "distributed_systems-hard-2": Extra(
        {
            "process pauses and expired leases": "process/client* paus*/stall*/freez* lock expir*/timeout while; thinks still hold*",
            "clock assumptions": "wall clock*/time* jump*/skew*/differ* node*",
            "fencing tokens": "increas*/monotonic*/ever_growing number* each lock",
            "consensus-backed store": "linearizable/strongly consistent store*/service",
            "the resource must check the token": "storage/database/server reject*/refus* old*/lower/stale number*/token*",
        },
        (
            w(
                "a Redis SETNX with an expiry is a safe lock",
                "setnx/redis lock safe/enough/correct; redis expir* safe",
                "a lease alone is unsafe: a paused client can act after its lease expired and another took the lock; the resource must reject stale fencing tokens.",
                "Are you sure? What happens if the holder pauses for 30 seconds after its lease expired?",
            ),
        ),
    ),
    # -- security and auth ----------------------------------------------------------------------
    "security_auth-easy-1": Extra(
        {
            "authentication verifies identity": "prov*/check*/confirm* who user/someone/person is; password/token/sign_in",
            "authorization decides permissions": "what user*/they/someone allow*/may/can do/see/access",
            "order: authenticate first": "first who then what; after know* who",
            "status codes 401 and 403": "unauthenticated/not logged forbidden",
        },
        (
            w(
                "authentication and authorization are the same thing",
                "authenticat* authoriz* same thing/same; interchangeabl*",
                "authentication establishes who you are; authorization decides what that identity may do, and comes after it.",
                "Are you sure they are the same? A logged-in user opens another user's invoice: which check should stop them?",
            ),
        ),
    ),
    "security_auth-easy-2": Extra(
        {
            "never plain text or reversible encryption": "never keep/stor*/sav* password* itself/as_is/readable; not/never/avoid encrypt*/decrypt*",
            "slow, salted password hash": "slow/deliberately/expensive/cost* hash*/function/algorithm; one way function",
            "unique salt per user": "random value/string per/each user/password; identical/same password* look*/differ*",
        },
        (
            w(
                "passwords should be encrypted so they can be decrypted and sent back",
                "encrypt* password*; decrypt* password*; email*/send* password* back/user*; aes password*",
                "passwords must never be recoverable: store a slow, salted hash (Argon2id, bcrypt, scrypt) and reset forgotten passwords instead of sending them.",
                "Are you sure you want to be able to decrypt them? What does an attacker get if they steal the database and the key?",
            ),
            w(
                "a fast hash such as MD5 or SHA-256 is fine",
                "md5/sha1/sha256/sha-256 fine/enough/ok/good/safe; md5 password*",
                "fast hashes let an attacker try billions of guesses per second; password hashing must be deliberately slow and salted.",
                "Are you sure a fast hash is fine? How many MD5 guesses per second can one GPU try?",
            ),
            w(
                "plain text is acceptable",
                "plain text fine/ok/acceptable; store* plain; don't/no need hash*",
                "a plain-text password leaks the moment the database does, and users reuse passwords elsewhere; store only a slow salted hash.",
                "Are you sure plain text is fine? What happens to your users' other accounts when the database leaks?",
            ),
        ),
    ),
    "security_auth-medium-1": Extra(
        {
            "signed claims verified without a lookup": "server check*/verif* token* key/secret no/without database/lookup/session store",
            "expiry and short lifetime": "token* valid/live*/last* minute*/hour*; expir* quick*/soon",
            "revocation is hard": "cannot/can't/hard kill/cancel*/take back token* before expir*; ban*/log* out still valid",
            "refresh tokens": "long lived token* new access token*",
            "algorithm and storage pitfalls": "accept* none algorithm; store* token* browser javascript read*/steal*",
        },
        (
            w(
                "JWTs are encrypted so their contents are secret",
                "jwt encrypt*; content*/payload secret/hidden; nobody read* payload",
                "a typical JWT is signed, not encrypted: anyone can base64-decode and read its claims, so never put secrets in it.",
                "Are you sure the payload is secret? What do you see if you base64-decode the middle part?",
            ),
            w(
                "a JWT can be revoked instantly like a session",
                "jwt revok*/invalidat* instant*/easy/easily/immediate*; logout invalidat* jwt",
                "a stateless JWT stays valid until it expires; revoking it needs short lifetimes plus a denylist or server-side state.",
                "Are you sure? After logout, what stops a stolen token from working until its expiry?",
            ),
        ),
    ),
    "security_auth-medium-2": Extra(
        {
            "user input changes the query": "input/text/value glu*/insert*/pasted/built sql string/statement; attacker chang*/alter* query",
            "an example": "or 1 1; drop table; log* in without password",
            "parameterized queries": "placeholder*/bound/bind value* separate*; driver/database treat* data",
            "defence in depth: least privilege, ORM, validation": "database user* only right*/permission* need*; allow list*",
        },
        (
            w(
                "escaping quotes by hand is enough",
                "escap*/replac* quote* enough/fine/solv*; replace quote*",
                "hand-written escaping misses cases (encodings, numeric contexts); bound parameters keep data out of the SQL entirely.",
                "Are you sure escaping is enough? What about a numeric id that is never quoted?",
            ),
            w(
                "prepared statements do not help",
                "prepared statement*/parameter* not/don't/doesn't help*/work/prevent*; inject* through parameter*",
                "with bound parameters the value is never parsed as SQL, which is exactly what prevents injection.",
                "Are you sure they do not help? When the driver sends the value separately, can it change the statement?",
            ),
            w(
                "HTTPS or stored procedures stop SQL injection",
                "https/tls/encrypt* stop*/prevent* injection; stored procedure* always/immune",
                "HTTPS only protects the transport; stored procedures that build SQL from strings are injectable too; parameterise.",
                "Are you sure? How does encrypting the connection change what the server does with the text?",
            ),
        ),
    ),
    "security_auth-hard-1": Extra(
        {
            "OAuth 2 / OIDC with PKCE": "code challenge verifier; login redirect* code exchang*",
            "short-lived access tokens": "access token* valid/last* few/15 minute*",
            "refresh token rotation with reuse detection": "each use new refresh token*; old token* reus* revok* all/family",
            "secure storage per platform": "cookie* javascript cannot/can't read; ios/android secure storage",
            "revocation and logout": "kill*/end*/revok* session*/device*; log* out everywhere",
        },
        (
            w(
                "long-lived access tokens in localStorage are fine",
                "long lived access token*; localstorage fine/safe/ok; token* never expir*",
                "access tokens should live minutes; in a browser keep refresh state in httpOnly SameSite cookies, out of reach of injected scripts.",
                "Are you sure? What can one XSS bug do with a long-lived token in localStorage?",
            ),
        ),
    ),
    "security_auth-hard-2": Extra(
        {
            "SSRF to internal services": "server request* attacker* chosen url; reach* internal/private service*/network/admin",
            "cloud metadata endpoint": "instance credential*/role* steal*; cloud meta",
            "allowlist and block private IP ranges": "only allow* known host*/domain*; refus*/reject* private/internal/loopback address*",
            "DNS rebinding and redirects": "resolv* check* once then chang*; follow* redirect* internal",
            "network isolation of the fetcher": "fetch* separate service*/network/container no access internal",
        },
        (
            w(
                "validating the URL string is enough",
                "check*/validat* url string/prefix enough/fine; regex url enough",
                "string checks are bypassed by redirects, DNS rebinding and odd IP encodings; resolve and check the address you connect to, block private ranges, isolate the fetcher.",
                "Are you sure string checks are enough? What if the allowed host redirects to 169.254.169.254?",
            ),
        ),
    ),
    # -- observability --------------------------------------------------------------------------
    "observability-easy-1": Extra(
        {
            "logs are discrete events with detail": "record* what happen*/individual; text line* each request/error",
            "metrics are aggregated numbers over time": "number*/count*/rate* graph*/chart*/over time; cheap store* aggregat*",
            "traces follow a request across services": "follow*/track* one/single request through/across/between service*",
            "when to use each": "metric* tell* something wrong; log*/trace* tell* why/where",
        },
        (
            w(
                "logs, metrics and traces are the same data",
                "log* metric* trace* same thing/data; just log* enough everything",
                "they answer different questions: metrics are cheap aggregates for alerting and trends, logs are detailed events, traces show one request's path and timing.",
                "Are you sure they are the same? Which one would tell you which service made a request slow?",
            ),
        ),
    ),
    "observability-easy-2": Extra(
        {
            "structured format such as JSON": "field*/key* value* instead free text; machine readable",
            "searchable and machine-parseable": "tool*/computer* parse*/index*/search*; filter* by field*",
            "correlation or request id": "id tie*/link*/connect* line* same request",
            "level, timestamp and context, no secrets": "never/don't log* password*/token*/personal; time severity",
        },
        (
            w(
                "logging everything, including tokens and passwords, helps debugging",
                "log* everything includ* password*/token*/secret*; log* password* debug*",
                "logs are copied widely and kept long; secrets and personal data must never be logged.",
                "Are you sure? Who can read your logs, and for how long are they kept?",
            ),
        ),
    ),
    "observability-medium-1": Extra(
        {
            "alert on symptoms users feel": "alert* what user*/customer* notic*/feel/experienc*; not cpu/cause*",
            "SLOs and error budgets": "target* reliab*/availab* percent; budget burn*",
            "actionable alerts with runbooks": "someone must/can act/do something; document* what do",
            "reduce noise": "too many alert* ignor*; remov*/delet* alert* nobody act*",
        },
        (
            w(
                "alert on every metric, more alerts are safer",
                "alert* every/all metric*; more alert* safer/better",
                "alerting on everything buries the pages that matter and teaches people to ignore them; page only on actionable, user-facing symptoms.",
                "Are you sure more is safer? What does the on-call engineer do with forty pages a night?",
            ),
        ),
    ),
    "observability-medium-2": Extra(
        {
            "averages hide the tail": "slow/worst request* vanish*/disappear*/lost/blend*; one number hide*",
            "p50, p95, p99": "median; 95th/99th; tail latenc*",
            "cannot average percentiles": "averag*/combin* p99/percentile* server*/instance* wrong/meaningless/invalid",
            "histograms for aggregation": "add*/merg*/sum* bucket*/count* then comput*",
        },
        (
            w(
                "averaging per-server percentiles gives the fleet percentile",
                "averag*/mean p99/percentile* each/every/per server*/instance*/host* right/correct/exact*; take p99 each server averag*",
                "percentiles do not average; merge the per-server histograms and compute the percentile from the merged buckets.",
                "Are you sure you can average them? A server with 10 requests and one with 10,000: do their p99s weigh the same?",
            ),
            w(
                "averages and percentiles show the same thing",
                "percentile* average* same thing; percentile* just more precise",
                "an average blends the tail away: a few very slow requests barely move it, while p99 shows exactly them.",
                "Are you sure they show the same? What happens to the average when 1% of requests take ten seconds?",
            ),
        ),
    ),
    "observability-hard-1": Extra(
        {
            "trace and span ids": "each operation/step/call record* id start time; child parent",
            "context propagation across calls": "pass*/forward*/send* id* along/downstream/next service*",
            "instrumentation with OpenTelemetry": "library/sdk/agent automatic* record*",
            "sampling strategies": "keep only some/fraction/percent trace*; keep slow/error trace*",
            "collector and storage cost": "store*/keep* trace* expens*/cost*; how long keep",
        },
        (
            w(
                "tracing every request costs nothing",
                "trac* every/all request* no/without cost/overhead; trace everything free",
                "tracing everything costs CPU, network and a lot of storage; sample (head- or tail-based) and bound retention.",
                "Are you sure it is free? What does storing every span of 50,000 requests a second cost?",
            ),
        ),
    ),
    "observability-hard-2": Extra(
        {
            "many unique label values": "label*/tag* with/take* many/million* distinct/different value*",
            "time series explosion and cost": "each combination new series; memory blow*/grow*",
            "use logs, traces or events for high-cardinality data": "per customer detail* log*/trace*/event*; query raw event*",
            "bounded labels and aggregation": "only few/small set value* label*; group* rest other",
        },
        (
            w(
                "putting user ids in metric labels is fine",
                "user id*/customer id* label*/tag* fine/ok/good; label every user",
                "each distinct label value creates a time series; per-user labels explode memory and cost; use logs, traces or wide events for per-customer questions.",
                "Are you sure? How many time series do a million user ids times ten endpoints make?",
            ),
        ),
    ),
    # -- testing --------------------------------------------------------------------------------
    "testing-easy-1": Extra(
        {
            "unit tests check one unit in isolation": "small piece/part function*/class* alone/own; collaborator* replac*/fake*",
            "integration tests check components together": "real piece*/part*/component*/database wire*/together/with each other",
            "speed and number": "millisecond*; run quick*; fewer slower",
            "what each catches": "problem*/bug* between component*/piece*; logic broke",
        },
        (
            w(
                "unit and integration tests are the same",
                "unit integration same thing/same; just name*",
                "a unit test checks one piece in isolation and is fast; an integration test runs real components together and catches the bugs between them.",
                "Are you sure they are the same? Which one would catch a SQL query that fails on the real database?",
            ),
            w(
                "integration tests should mock every component",
                "integration test* mock* database/everything/every; mock* everything",
                "an integration test that mocks its components tests nothing together; integration means real collaborators such as a real database.",
                "Are you sure? If the database is mocked, what is left being integrated?",
            ),
        ),
    ),
    "testing-easy-2": Extra(
        {
            "replace slow or external dependencies": "email/sms/api/service* outside/vendor*/cost* money",
            "fakes are working lightweight implementations": "simple/simplified work* version/implementation; memory store/database",
            "overuse couples tests to implementation": "test* break* chang*/rename* code intern*; test* how not what",
            "mocks can hide real behaviour": "mock* behav* differ* real; test* pass* production fail*",
        },
        (
            w(
                "you should mock everything, the more mocks the better",
                "mock* everything; more mock* better; always mock*",
                "mocking everything couples tests to implementation details and lets them pass while the real system fails; mock only slow or external edges.",
                "Are you sure? What does a fully mocked test tell you about the code working with the real database?",
            ),
        ),
    ),
    "testing-medium-1": Extra(
        {
            "a real database, e.g. in a container": "same engine/version production; throwaway/temporary/local database",
            "isolation between tests": "each test clean/own/empty/fresh data/state/schema; roll* back after each",
            "migrations applied in tests": "run/apply schema chang*/migrat* before test*",
            "test data builders or factories": "helper* creat* row*/record*/object* test*",
        },
        (
            w(
                "mocking the database is the best way to test database code",
                "mock* database/db/orm best/enough/always; sqlite instead postgres same",
                "mocks never run your SQL; test against the same database engine you run in production, e.g. in a container.",
                "Are you sure a mock is enough? Who checks that the SQL actually runs and the constraints hold?",
            ),
        ),
    ),
    "testing-medium-2": Extra(
        {
            "consumer and provider agree on a contract": "client*/caller* server*/api expect*/agree* request* response* shape/format",
            "verified in each side's CI": "each/both side*/team* check*/run* own build/pipeline",
            "cheaper than end-to-end tests": "without deploy*/start* whole/entire/every system/service*",
        },
        (
            w(
                "contract testing means testing the whole system end to end",
                "contract test* end end/whole/entire system; contract test* deploy* every service",
                "contract tests check each side against a shared contract in isolation, precisely to avoid full end-to-end environments.",
                "Are you sure it needs the whole system? What does each side run on its own?",
            ),
        ),
    ),
    "testing-hard-1": Extra(
        {
            "detect: rerun and track flakiness": "run* many/several time*/again record*; disable*/isolat* flaky",
            "common causes: time, order, shared state": "test* depend* order/other test*/date/time zone",
            "concurrency and async waits": "fix*/hard-coded delay*; wait* condition instead",
            "external dependencies": "real internet/api/service* outside",
            "fix root cause, not retries": "find*/fix* why/cause; retry* hide*/mask*",
        },
        (
            w(
                "adding automatic retries fixes flaky tests",
                "retr*/rerun* fix*/solv* flaky; just retr*",
                "retries hide the flakiness and sometimes real bugs; find the cause (timing, order, shared state, external calls) and make the test deterministic.",
                "Are you sure retries fix it? What might a test that fails one run in fifty be telling you about the code?",
            ),
        ),
    ),
    "testing-hard-2": Extra(
        {
            "realistic workload model": "traffic/request* look* like real/production user*; mix endpoint*",
            "open versus closed load model": "request* arriv* fix*/constant rate regardless; wait* for response* before",
            "latency percentiles and errors versus throughput": "tail latenc*; error* request* per second",
            "find the saturation point and bottleneck": "increas*/ramp* load until break*/fail*/degrad*; what run* out first",
            "production-like environment": "same hardware/size/data production",
        },
        (
            w(
                "average latency at low load tells you the service is ready",
                "average latency enough/fine/ready; few user*/request* enough",
                "averages at light load hide the tail and the breaking point; ramp load to saturation and watch percentiles and errors against throughput.",
                "Are you sure? What would the average hide about the slowest 1% of requests at peak?",
            ),
        ),
    ),
}
