"""Paraphrases, probes and misconceptions for the questions of `focus_web`, by question id."""
# ruff: noqa: E501  (prose data)

from __future__ import annotations

from interviewer_tui.llm.bank.model import Extra
from interviewer_tui.llm.bank.model import wrong as w

EXTRAS: dict[str, Extra] = {
    # -- http apis ------------------------------------------------------------------------------
    "http_apis-easy-1": Extra(
        {
            "GET reads without side effects": "get fetch*/retriev*/read*/return*; get must/should not/never chang*/modif*",
            "POST creates or triggers": "post add*/submit*/send*/make new/item/action; post twice two/second/duplicate",
            "PUT replaces and is idempotent": "put overwrit*/full/whole/entire/new version; put twice/again same result/state",
            "DELETE removes": "delete get rid/eras*/remov*/gone",
        },
        (
            w(
                "GET and POST do the same thing",
                "get post same thing/same; post more secure",
                "GET must only read (safe, cacheable, repeatable) while POST submits data that can change state; POST is not more secure, its body is just not in the URL.",
                "Are you sure they do the same thing? What may a cache or a browser do with a GET that it must not do with a POST?",
            ),
            w(
                "PUT is not idempotent",
                "put not idempotent; put creat* new each/every",
                "PUT replaces the resource at a known URL, so sending it twice leaves the same state: it is idempotent.",
                "Are you sure? What is on the server after the same PUT is sent twice?",
            ),
        ),
    ),
    "http_apis-easy-2": Extra(
        {
            "201 Created for a create": "creat* success* return*/send* location header",
            "400 or 422 for validation errors": "client error/fault invalid/bad input; validation fail* 4xx",
            "404 for a missing resource": "resource/item/thing doesn't/not exist",
            "500 family for server failures": "server/our fault/bug/crash 5xx/five_hundred; unavailable/overload*",
        },
        (
            w(
                "every response should be 200 with an error field",
                "always/every/everything 200 error/status field/body; 200 even error*",
                "status codes tell clients, proxies and monitoring what happened: 201 for a create, 4xx for client errors, 5xx for server failures.",
                "Are you sure always 200 is fine? How would a retrying client or your alerting tell a bad request from an outage?",
            ),
        ),
    ),
    "http_apis-medium-1": Extra(
        {
            "versioning scheme": "version number/prefix path/url/header; v1 v2",
            "additive, backward-compatible changes": "add* field*/endpoint* never remov*/renam*; old client* still work*",
            "deprecation policy": "announc*/warn*/give client* month*/time/date; retir*/remov* old version* later",
            "contract testing or monitoring usage": "track*/log*/see who/which client* use*/call*",
        },
        (
            w(
                "you can change fields freely because clients should update",
                "client*/consumer* should/must/just update/upgrad*; change/renam*/remov* field* freely/anytime",
                "a public API cannot force clients to upgrade; breaking changes need a new version and a deprecation period, and everything else must be additive.",
                "Are you sure clients will update? What happens to a mobile app version from last year when you rename a field?",
            ),
        ),
    ),
    "http_apis-medium-2": Extra(
        {
            "idempotency key from the client": "client generat*/send*/creat* unique/uuid token/id/key; same key/token/id retry",
            "store the key with the result": "record/sav*/keep/stor* key/token/id outcome/result/response/status; check*/look* whether/if already/exist*/same/similar payment/charge/request",
            "return the original response on repeat": "seen/already/repeat* key/token/id return*/replay*/send* stored/same/previous/earlier",
            "handle concurrent duplicates": "two/both same time/moment/simultaneous*; only one proceed*/win*/succeed*",
        },
        (
            w(
                "a POST can never be made idempotent",
                "post never/cannot/can't/impossible idempotent; impossible by definition",
                "any endpoint can be made idempotent with a client-chosen key stored with the outcome: a repeat returns the stored result.",
                "Are you sure it is impossible? What if the client sent the same unique key with every retry of this payment?",
            ),
            w(
                "the fix is to stop clients retrying",
                "client* should/must not/never retry; longer timeout fix*/solv*",
                "clients must retry after timeouts because they cannot know whether the charge happened; the server has to make the retry safe.",
                "Are you sure the client should not retry? After a timeout, how does it know whether the customer was charged?",
            ),
        ),
    ),
    "http_apis-hard-1": Extra(
        {
            "gRPC with protobuf and HTTP/2": "binary contract*/schema*/format; generat* client*/stub*",
            "GraphQL flexible queries and its costs": "client* ask*/choos*/request* exact* field*/data; one query nest*",
            "REST simplicity and caching": "resource* url*/verb*; http cach*/proxy*",
            "a choice per use case": "between/inside/server_to_server internal service*; outside/external/public/third client*/partner*",
        },
        (
            w(
                "gRPC is the best choice for a public browser API",
                "grpc best/perfect/ideal public/browser*/external",
                "browsers cannot speak native gRPC without a proxy (gRPC-Web), and partners expect plain HTTP/JSON; gRPC shines between internal services.",
                "Are you sure? How would a browser or a partner's curl script call your gRPC API?",
            ),
            w(
                "GraphQL has no cost on the server",
                "graphql no/without cost*/downside*/overhead; graphql free",
                "GraphQL moves query shape to the client, which brings N+1 resolvers, expensive nested queries and harder HTTP caching.",
                "Are you sure there is no cost? What does a deeply nested query do to your resolvers and database?",
            ),
        ),
    ),
    "http_apis-hard-2": Extra(
        {
            "202 Accepted with a job resource": "return*/respond* immediate*/right_away id/link job/task/operation",
            "polling the status": "client* check*/ask* periodic*/repeated*/again status/progress",
            "callbacks or webhooks": "notif*/call*/push* client* done/finish*/ready",
            "idempotent creation and cancellation": "stop/abort job/task/operation; same request twice one job",
            "result retrieval and expiry": "fetch*/download* result*/file* link/url; delet*/clean* after day*/hour*",
        },
        (
            w(
                "keep the HTTP request open for minutes until the report is done",
                "keep/hold request/connection open minute*/until done/finish*; wait synchronous*",
                "proxies and clients time out and retries restart the work; accept the job (202), return a status resource, and let the client poll or get a webhook.",
                "Are you sure holding the request open works? What do load balancers and mobile networks do to a five-minute request?",
            ),
        ),
    ),
    # -- sql and indexing -----------------------------------------------------------------------
    "sql_indexing-easy-1": Extra(
        {
            "faster lookups without a full scan": "find/locat*/jump*/reach row* quick*/fast*/direct*; instead read*/scan* every/whole/all row*/table",
            "a B-tree or sorted structure": "order*/sort* key*/value* structure/copy; balanc* tree",
            "slower writes": "insert*/updat*/delet*/write* maintain*/updat*/slow*/extra work/cost; every write also index",
            "extra storage": "disk/space/memory of its own/extra/more/additional; take* up space",
        },
        (
            w(
                "an index makes writes faster too",
                "write*/insert*/updat* fast*/quick*/speed*/improv*; read* and write* both fast*",
                "every insert, update and delete must also update each index, so writes get slower as indexes are added.",
                "Are you sure writes get faster? What does the database have to do to each index on every insert?",
            ),
            w(
                "an index has no cost",
                "no/zero/without cost/downside*/drawback*/overhead/penalty; for free; cost* nothing; every column default",
                "an index costs disk space and memory and slows every write; index the columns your queries filter and join on, not every column.",
                "Are you sure it is free? What happens to inserts on a table with ten indexes?",
            ),
            w(
                "an index is a cached copy of query results",
                "index* cach* result*/queri*; copy result*",
                "an index is a sorted structure (usually a B-tree) of column values pointing to rows; it does not store query results.",
                "Are you sure it stores results? What is actually inside an index on users(email)?",
            ),
        ),
    ),
    "sql_indexing-easy-2": Extra(
        {
            "inner join keeps only matching rows": "inner row* match*/exist*/found both side*/table*; drop*/exclud* unmatched",
            "left join keeps all left rows": "left every/all row* first/left table; keep* everything left; left side/table row* even without/no match*",
            "nulls for missing matches": "empty/blank/missing column*/value* right side",
        },
        (
            w(
                "a LEFT JOIN returns only matching rows",
                "left join only match*; left join same inner",
                "a LEFT JOIN keeps every row of the left table and fills the right side with NULLs where nothing matches; an INNER JOIN keeps only matches.",
                "Are you sure? What happens to a customer with no orders in each of the two joins?",
            ),
        ),
    ),
    "sql_indexing-medium-1": Extra(
        {
            "leftmost prefix rule": "start* from/with first/leading column; order of column* matter*",
            "equality then range": "exact match*/equal* country city then range/interval/date",
            "queries that skip the first column": "city alone/only; without/no filter* country not help*/useless",
            "sorting with the index": "already order*/sort* result*; avoid sort",
        },
        (
            w(
                "any query on any of the three columns can use the index",
                "any/every column/combination can/will use; order column* not/doesn't matter*",
                "a composite B-tree is sorted by country first, so only queries constraining a leftmost prefix (country, then city, then created_at) can seek into it.",
                "Are you sure? How would the index help WHERE city = 'Lyon' when it is sorted by country first?",
            ),
        ),
    ),
    "sql_indexing-medium-2": Extra(
        {
            "EXPLAIN ANALYZE": "query/execution plan; pg_stat_statements",
            "sequential scans versus index scans": "read*/scan* whole/entire/every table/row*; use*/pick*/ignor* index",
            "estimated versus actual rows": "guess*/expect*/predict* row*/count* real*/actual*/got; stale statistic*",
            "join strategy and sorts": "loop*/join method*/type*; sort spill* disk",
            "fix: index or rewrite": "add*/creat*/reshap* index*; rewrit*/restructur* query",
        },
        (
            w(
                "the database always picks the best plan",
                "database/planner always pick*/choos* best/optimal plan; plan not/never useful",
                "the planner works from statistics and estimates; stale statistics or correlated columns lead to bad plans, which is why you read the actual plan.",
                "Are you sure the planner is always right? What happens when its row estimate is off by a factor of a thousand?",
            ),
            w(
                "an index scan is always slower than a sequential scan",
                "index scan* always slow*; sequential scan* always fast*",
                "for selective predicates an index scan reads a tiny fraction of the table; a sequential scan wins only when a large share of rows is needed.",
                "Are you sure? Which is faster for one row out of a hundred million?",
            ),
        ),
    ),
    "sql_indexing-hard-1": Extra(
        {
            "balanced tree with sorted keys in pages": "same depth/height every leaf; key* sort* each node/block; many child*/key* per node",
            "leaves linked for range scans": "leaf/bottom level point*/link* next/neighbo*/sibling; walk* along/sequential* range",
            "logarithmic lookup": "depth/level*/height grow* slow*; three/four level* million*/billion*",
            "bad cases: random inserts, low selectivity, functions": "insert* random key*/uuid* split*; few distinct value*; wrap* column function",
        },
        (
            w(
                "a B-tree is a binary tree",
                "b tree binary tree; b-tree two child*",
                "a B-tree node holds hundreds of keys and children (high fan-out), so the tree is only a few levels deep; it is not a binary tree.",
                "Are you sure it is binary? How many keys fit in one 8 KB page, and what does that do to the depth?",
            ),
        ),
    ),
    "sql_indexing-hard-2": Extra(
        {
            "partial index on the pending rows": "index only pending row*; index with/where condition/predicate",
            "index order matches the sort": "index ordered/sorted by creat*/time; read first 50/fifty order",
            "selectivity of status alone": "status alone/only few value*; index status not help*/useless",
            "verify with the plan": "check/confirm plan/explain",
            "maintenance and write cost": "index small/tiny; updat* status move*/cost*",
        },
        (
            w(
                "an index on status alone fixes it",
                "index on status alone/only/enough fix*/solv*; just index status",
                "status has few distinct values and the query must also sort by created_at; a partial index on created_at WHERE status = 'pending' gives the 50 rows in order.",
                "Are you sure an index on status is enough? How does the database then get those rows sorted by created_at?",
            ),
        ),
    ),
    # -- transactions ---------------------------------------------------------------------------
    "transactions-easy-1": Extra(
        {
            "atomicity": "all none/nothing; whole/entire transaction happen*/fail* together; half/partial nothing behind",
            "consistency": "valid state; constraint*/rule* respect*/obey*/hold",
            "isolation": "concurrent/parallel/same time transaction* not/cannot see/interfer*/observ*",
            "durability": "commit* surviv*/persist*/kept crash/power/restart; survive* crash*",
        },
        (
            w(
                "ACID stands for something other than atomicity, consistency, isolation and durability",
                "availability/caching/indexing/distribution; acid stand* availab*",
                "ACID stands for atomicity, consistency, isolation and durability: the guarantees a database transaction gives.",
                "Are you sure about what the letters stand for? What does a transaction guarantee if the server crashes half way?",
            ),
        ),
    ),
    "transactions-easy-2": Extra(
        {
            "all or nothing": "either all/every none/nothing; undo/revert everything",
            "an example such as a transfer": "money/fund* move*/from to; stock reserv*; order payment",
            "consistency after failure": "crash*/fail*/die* middle/half/between; left/end broken/wrong/half",
            "commit at the end": "finish*/end make perman*/visible",
        },
        (
            w(
                "separate writes are just as safe",
                "separate/individual write*/statement* same/just/equally safe; transaction* not/never need*/necessary",
                "without a transaction a failure between the writes leaves half the change applied, e.g. money debited but not credited.",
                "Are you sure? What state is the data in if the process dies between the debit and the credit?",
            ),
        ),
    ),
    "transactions-medium-1": Extra(
        {
            "dirty reads": "read*/see* uncommit*/unfinish* data/chang*/write*",
            "non-repeatable reads": "read same row twice differ*/chang*",
            "phantoms": "new/insert* row* appear* re-run/again/second",
            "serializable prevents all, with retries": "as if one after another/serial*; abort*/fail* transaction* retry/again",
            "default levels and trade-off": "postgres/mysql default*; strict* slow*/cost*/less concurren*",
        },
        (
            w(
                "read committed prevents all anomalies",
                "read committed prevent*/stop* all/every anomal*/problem*; read committed fully safe",
                "read committed only prevents dirty reads; non-repeatable reads, phantoms and write skew still happen, and only serializable rules them all out.",
                "Are you sure? What can a transaction see if it reads the same row twice under read committed?",
            ),
            w(
                "serializable has no performance cost",
                "serializ* no/without cost/downside*/overhead/penalty",
                "serializable costs throughput under contention: transactions abort with serialization failures and must be retried.",
                "Are you sure it is free? What happens to two conflicting transactions under serializable?",
            ),
        ),
    ),
    "transactions-medium-2": Extra(
        {
            "pessimistic locks rows up front": "lock* before/first read*/touch*/chang*; other* wait* until commit*",
            "optimistic checks a version at write time": "no lock*; version number/column/counter/timestamp check*/compar*/match*",
            "retry on conflict": "someone else/another writer chang*/got first reload*/again/fail*; zero row* updat*",
            "choice by contention": "conflict*/collision* rare/often/frequent/many; hot row* many writer*",
        },
        (
            w(
                "with optimistic locking the last write simply wins",
                "last write* win*; optimistic never/no check*; optimistic database lock* for you",
                "optimistic locking detects the conflict: the write is rejected if the version changed since it was read, so no update is silently lost.",
                "Are you sure the last write just wins? Then what would the version column be for?",
            ),
        ),
    ),
    "transactions-hard-1": Extra(
        {
            "two transactions read the same data and write different rows": "both check*/read* same condition/rule/row* then update*/writ* differ*/own/separate",
            "a concrete example": "doctor*/shift*/room*/seat* both/two book*/leave*/sign off",
            "snapshot isolation allows it": "snapshot/repeatable not prevent*/allow*/miss*",
            "serializable or explicit locks prevent it": "lock row* read*; serial* level prevent*/catch*/detect*",
        },
        (
            w(
                "write skew is prevented by row-level write locks alone",
                "row lock* write* prevent*/stop*; same row conflict* write skew",
                "in write skew the two transactions write different rows, so write locks never conflict; you need serializable isolation, locks on the rows read, or a constraint.",
                "Are you sure write locks catch it? Which rows do the two transactions actually write?",
            ),
        ),
    ),
    "transactions-hard-2": Extra(
        {
            "no distributed transaction, or 2PC trade-offs": "coordinator block*/fail*; prepare commit phase*; avoid global transaction",
            "saga with compensating actions": "undo/revers*/refund*/cancel* step* fail*; sequence local transaction*",
            "transactional outbox": "event/message* same transaction/table row*; relay/publish* later",
            "idempotent consumers": "handl*/process* message* twice/again safe",
            "eventual consistency visible to users": "order/status pending/processing until; user* see* in_progress",
        },
        (
            w(
                "one ACID transaction across both services' databases is the normal way",
                "one/single transaction across/both/two database*/service*; just use transaction both",
                "separate databases cannot share a local transaction; use a saga with compensations and an outbox, or accept 2PC's blocking coordinator.",
                "Are you sure one transaction can span them? Who would commit or roll back across two independent databases?",
            ),
        ),
    ),
    # -- caching --------------------------------------------------------------------------------
    "caching-easy-1": Extra(
        {
            "store results closer or faster": "keep/store copy/result* memory/quick* access; avoid/sav* database/trip*/work",
            "stale data": "old/wrong/outdated value*/data serv*; cache* differ*/disagree* database",
            "invalidation": "remov*/delet*/clear*/refresh* entr*/key* when data chang*",
            "memory limits and eviction": "cache full/fill*/limit*/bounded; drop*/throw* least*/old* entr*",
        },
        (
            w(
                "a cache has no downside",
                "cache* no/without risk*/downside*/drawback*; always safe/good",
                "a cache can serve stale data, needs invalidation, uses bounded memory, and a cold or failed cache can overload the database.",
                "Are you sure there is no downside? What does a user see right after the price changes in the database?",
            ),
        ),
    ),
    "caching-easy-2": Extra(
        {
            "entries expire after the TTL": "after time/second*/minute* thrown/remov*/delet*/gone/invalid; how long entr*/item* stay*/live*/kept",
            "bounds staleness": "limit*/bound*/cap* how old/stale/out date; upper limit old",
            "choose from how often data changes": "depend* how often/frequent* data chang*/updat*; how much harm/bad stale",
            "trade-off with hit rate and load": "short* more miss*/load/trip*; long* better/high* hit",
        },
        (
            w(
                "a TTL is the number of items the cache holds",
                "ttl number/count/max* item*/entr*; ttl size",
                "a TTL is a time limit per entry: after it, the entry expires and the next read fetches fresh data; size limits are a separate setting.",
                "Are you sure it is a size? What happens to an entry when its TTL passes?",
            ),
            w(
                "a longer TTL has no downside",
                "long*/high*/big* ttl no/never downside*/cost/problem; data never stale",
                "a longer TTL raises the hit rate but lets users see older data for longer; the value trades freshness against load.",
                "Are you sure longer is always better? What do users see for that whole time after the data changes?",
            ),
        ),
    ),
    "caching-medium-1": Extra(
        {
            "cache-aside: app loads on miss": "app*/code check* cache first miss* read* database* put*/fill*/stor*",
            "write-through: write cache and store together": "write* both cache database same time/together/synchronous*",
            "write-behind: write cache, flush later": "write* cache first database later/background/batch*",
            "consistency and data loss trade-offs": "cache crash*/die* lose*/lost write*; stale/inconsisten*",
        },
        (
            w(
                "write-behind never loses data",
                "write behind/back never/cannot/no lose*/loss; write behind safe*/durable",
                "write-behind acknowledges before the database has the data, so a cache crash before the flush loses those writes.",
                "Are you sure nothing is lost? What happens to writes still in the cache when it crashes?",
            ),
        ),
    ),
    "caching-medium-2": Extra(
        {
            "many requests miss at once": "lot*/thousand*/many/all request*/client*/caller* same/once/together miss*/database/rebuild*",
            "a hot key expiring": "popular/hot/busy entr*/key*/item* expir*/disappear*/evict*/gone",
            "request coalescing or locking": "only one caller*/request*/worker* recomput*/rebuild*/fetch*; other* wait*",
            "early refresh or jittered TTLs": "refresh*/recomput* before expir*; random* expir*/ttl*; serve* old/stale while",
        },
        (
            w(
                "a stampede is the cache running out of memory",
                "stampede cache full/memory run* out; evict* wrong order",
                "a stampede is many concurrent misses for the same expired hot key all hitting the database at once; it is about load, not memory.",
                "Are you sure it is about memory? What does the database see when a hot key expires under heavy traffic?",
            ),
        ),
    ),
    "caching-hard-1": Extra(
        {
            "the delete-then-stale-read race": "reader read* old value* writer delet*/updat* put*/writ* back stale",
            "delete instead of update on write": "remov*/delet*/drop* key/entr* write*/updat*; not set new value",
            "versioning or compare-and-set": "version number*/counter write only if newer",
            "change data capture for invalidation": "database log/change* stream* invalidat*",
            "TTL as a safety net": "expir* eventual* fix*/heal*/bound*; stale at most",
        },
        (
            w(
                "updating the cache after the database write is always consistent",
                "updat*/set* cache after write* always/alway* consisten*; no race*",
                "two concurrent writers can update the database and the cache in opposite orders, leaving the older value cached; delete on write, version entries, or invalidate from the change log.",
                "Are you sure? Two writers at once: what ends up in the cache if their cache updates arrive in the opposite order?",
            ),
        ),
    ),
    "caching-hard-2": Extra(
        {
            "separate static and dynamic data": "descript*/image*/name* cache* long; stock/price/inventor* separate*/short*",
            "multi-tier: CDN, local and shared cache": "edge/browser/app memory redis layer*/tier*/level*",
            "hot key mitigation": "one key* too hot/many read* cop*/spread*",
            "stock freshness and correctness at checkout": "checkout/purchase/buy check* real/database/actual stock",
            "protect the database": "limit*/cap* request* database; only one request* rebuild*",
        },
        (
            w(
                "the cached stock count can decide whether the sale succeeds",
                "trust*/use* cach* stock/count checkout/purchas*/sell; cache source truth",
                "the cache can only show an approximate stock level; the purchase must reserve stock against the source of truth to avoid overselling.",
                "Are you sure the cached count can decide? Two buyers see 1 left in the cache: who gets it?",
            ),
        ),
    ),
    # -- concurrency ----------------------------------------------------------------------------
    "concurrency-easy-1": Extra(
        {
            "outcome depends on timing": "result* depend* who/which first/get there; unpredictable order/schedul*",
            "shared mutable state": "same data/variable/value/balance/row two/more/several thread*/request*/process*",
            "an example": "both read* write*; two request* withdraw*/update*; lost update",
            "fix with synchronisation": "make* atomic; critical section; lock* around",
        },
        (
            w(
                "a race condition is just one thread being faster",
                "one/thread faster/fast finish* first; performance problem",
                "a race is a correctness bug: the result depends on the interleaving of unsynchronised accesses to shared state, e.g. a lost update.",
                "Are you sure it is about speed? What happens to a counter when two threads do counter += 1 at the same time?",
            ),
            w(
                "locks make races worse",
                "lock* make*/cause* race* worse; lock* not help*",
                "locks (or atomics) are the usual fix: they make the read-modify-write a single step no other thread can interleave with.",
                "Are you sure locks make it worse? What does a mutex around the read and the write guarantee?",
            ),
        ),
    ),
    "concurrency-easy-2": Extra(
        {
            "each waits for a lock the other holds": "hold*/has/own*/grab* lock/mutex/resource wait*/need*/want*; stuck forever/each other",
            "an example with two locks": "thread* one/first lock*/grab*/take* a/first then b/second",
            "consistent lock ordering": "acquir*/take*/grab* lock* same/fixed/global/consistent order/sequence",
            "timeouts and detection": "give up after; detect* cycle; abort* one transaction",
        },
        (
            w(
                "a deadlock is a crashed thread releasing its lock",
                "deadlock thread crash*; lock freed other thread* corrupt*",
                "a deadlock is threads blocked forever, each holding a lock another needs; nothing crashes and nothing is released.",
                "Are you sure anything crashes? What are the two threads actually doing while the program hangs?",
            ),
            w(
                "adding more locks avoids deadlocks",
                "more lock* safer/safe/avoid*/prevent*; add more lock*",
                "more locks mean more chances to wait in a cycle; fewer locks, one global acquisition order and timeouts avoid deadlocks.",
                "Are you sure more locks help? What does each extra lock add to the ways threads can wait on each other?",
            ),
        ),
    ),
    "concurrency-medium-1": Extra(
        {
            "async for many concurrent I/O-bound tasks": "many/thousand* connection*/request* wait* network/socket/database single thread",
            "processes for CPU-bound work": "heavy comput*/calculat*/crunch*; use all/every core*",
            "threads for blocking libraries": "library/driver/sdk block* thread*; can't/cannot/doesn't await",
            "trade-offs: memory, complexity, GIL": "each thread* stack memory; harder debug*/reason*",
        },
        (
            w(
                "async I/O makes CPU-bound work faster",
                "async* fast*/speed* cpu/comput*/calculat*; event loop parallel* cpu",
                "async I/O helps only while tasks wait on I/O; CPU-bound work blocks the event loop and needs processes or native code.",
                "Are you sure async speeds up CPU work? What happens to other requests while one coroutine computes for a second?",
            ),
        ),
    ),
    "concurrency-medium-2": Extra(
        {
            "fixed workers reuse threads": "creat*/start* thread* once/up_front keep/reuse*; avoid creat* each task",
            "work queue": "task*/job* wait* line/backlog; submit* task*",
            "sizing for CPU-bound work": "comput* work thread* equal/match* core*/cpu*",
            "sizing for I/O-bound work": "wait* network/disk/database more thread* than core*; ratio wait compute",
            "bounded queue and back-pressure": "limit/cap queue length/size; reject*/refus*/slow* caller* full",
        },
        (
            w(
                "more threads always means more throughput",
                "more thread* always fast*/better/more throughput; thread* as many as possible",
                "past the point where cores or the downstream saturate, extra threads only add memory and context switching; size from cores and wait time.",
                "Are you sure more is always better? What happens with 2,000 threads doing CPU work on 8 cores?",
            ),
        ),
    ),
    "concurrency-hard-1": Extra(
        {
            "reordering by compiler and CPU": "compiler/cpu/processor chang*/swap* order instruction*/write*",
            "visibility and CPU caches": "other core*/thread* not/never see* write*/update*/value",
            "happens-before": "ordering guarantee* between thread*",
            "memory barriers, volatile or atomics": "fence*/barrier* instruction*; sequential* consisten*",
            "an example such as double-checked locking": "singleton initiali*; ready boolean flag",
        },
        (
            w(
                "code runs in the order it is written on every core",
                "always/every run*/execut* order written; cpu never reorder*",
                "compilers and CPUs reorder independent memory operations and cores see writes late through store buffers and caches; only synchronisation establishes order.",
                "Are you sure it runs in written order? What may another core observe for a flag set after data is written?",
            ),
        ),
    ),
    "concurrency-hard-2": Extra(
        {
            "atomic compare-and-swap": "atomic increment*/add; hardware instruction* retry* loop",
            "contention on one cache line": "all/many core*/thread* fight*/same memory/location/line bounc*",
            "striped or sharded counters": "each/per thread*/core* own/local counter*/slot*",
            "reads sum the shards, weaker consistency": "add*/total* all counter*/slot*/shard* read; read* not exact/instant*",
        },
        (
            w(
                "a single atomic counter scales linearly with threads",
                "single/one atomic scale*/scal* linear*/perfect*; atomic no contention",
                "every thread hammering one atomic contends on one cache line, so throughput flattens or drops; striped per-core counters summed on read scale.",
                "Are you sure one atomic scales? What happens to that cache line when 64 cores increment it?",
            ),
        ),
    ),
}
