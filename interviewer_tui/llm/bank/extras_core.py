"""Paraphrases, probes and misconceptions for the questions of `core`, by question id."""
# ruff: noqa: E501  (prose data)

from __future__ import annotations

from interviewer_tui.llm.bank.model import Extra
from interviewer_tui.llm.bank.model import wrong as w

EXTRAS: dict[str, Extra] = {
    # -- introduction ---------------------------------------------------------------------------
    "introduction-easy-1": Extra(
        {
            "current role or studies": "engineer/developer/intern at/company/startup; student/university/college",
            "a concrete project": "i made/created/shipped/maintain/own",
            "what you want next": "would/'d like/love work*; next role/job/position",
        },
        (
            w(
                "you have no experience to talk about",
                "no/nothing experience/project/work",
                "every candidate has something concrete: a course project, an internship or a tool they built counts.",
                "Pick one thing you built, even a small one: what did it do and what was your part?",
            ),
        ),
    ),
    "introduction-easy-2": Extra(
        {
            "motivation": "enjoy/like/love solv*/build*/problem; got_into/started",
            "impact on users or the business": "people/client*/team depend*/rely/use; faster/slow page/request",
        },
        (
            w(
                "only the salary matters",
                "only/just money/salary/pay",
                "interviewers look for what you enjoy in the work itself, because that predicts what you will be good at.",
                "Leaving pay aside, which backend problem did you most enjoy solving, and why?",
            ),
        ),
    ),
    "introduction-medium-1": Extra(
        {
            "what the system does": "system/app/backend handl*/serv*/track*/send*/match*",
            "your own contribution": "i wrote/built/designed/owned/added/rewrote/migrat*; my_job/my_role/my_responsibility",
            "scale or results with numbers": "second/minute/day/hour/p95/p99/tb/gb/rps",
        },
        (
            w(
                "the team did everything and you cannot say what you did",
                "team did everything/all; not/don't sure what i did",
                "the question asks for your own part: say what you designed, built or decided yourself.",
                "Which single piece of that system would not exist without you, and how does it work?",
            ),
        ),
    ),
    "introduction-medium-2": Extra(
        {
            "what went wrong": "slow*/broke/outage/hard/harder/painful/regret",
            "what you would do instead": "now/today i'd/i_would start/use/choose/pick",
            "the lesson learned": "learn*/realis*/realiz*/lesson",
        },
        (
            w(
                "you never made a wrong decision",
                "never made/had wrong/bad/mistake/decision; always right",
                "everyone has a decision they would revisit; naming one and what it taught you is the point of the question.",
                "Think of a choice that cost your team time later: what was it, and what would you do now?",
            ),
        ),
    ),
    "introduction-hard-1": Extra(
        {
            "trade-offs considered": "chose/picked over/rather; gave_up/sacrific*/accept*",
            "validation with data": "test*/measur*/load/compar* before/after/traffic/production",
            "results and follow-up": "dropped/fell/went/cut from/to; faster/cheaper/fewer",
        },
        (
            w(
                "there were no trade-offs",
                "no/without trade/tradeoff/downside/compromise",
                "every real design gives something up (cost, latency, consistency, complexity); naming it is what shows judgement.",
                "What did your design make worse, or more expensive, and why was that acceptable?",
            ),
        ),
    ),
    "introduction-hard-2": Extra(
        {
            "how it was detected": "paged/alarm/customer*/user* reported/complain*/noticed",
            "diagnosis": "found/figured/traced/dug cause/culprit/why",
            "mitigation first": "first/immediately stop*/revert*/restart*/scale*/disable*",
            "long-term fix": "fix*/chang*/rewr* properly/later/permanently/for_good",
        },
        (
            w(
                "the fix was to restart until it went away",
                "just/only restart*/reboot*; went away itself",
                "a restart is a mitigation; owning the problem means finding the root cause and changing something so it cannot recur.",
                "After the restarts, what did you change so that it could not happen again?",
            ),
        ),
    ),
    # -- coding ---------------------------------------------------------------------------------
    "coding-easy-1": Extra(
        {
            "use a stack": "lifo/last_in_first_out; list/array append/remove opener/opening",
            "match closing to the last opening": "closer/closing same/kind/type opener/opening/top",
            "empty stack at the end": "nothing/none left/remain*; end/finish* empty",
            "linear time complexity": "once/single pass/scan/walk; each/every character/char",
        },
        (
            w(
                "counting openers and closers is enough",
                "count/counter/number open*/opener close*/closer equal/same; two counters",
                "counts miss order and nesting: '([)]' and ')(' have equal counts but are not balanced, so you need a stack.",
                "Are you sure counting is enough? What does your method say about ')(' or '([)]'?",
            ),
            w(
                "it runs in constant time",
                "o(1)/constant time/run*; only two counters",
                "every character has to be read, so the check is O(n) time; the stack can need O(n) space.",
                "Are you sure it is constant time? How many characters must you look at?",
            ),
        ),
    ),
    "coding-easy-2": Extra(
        {
            "brute force baseline": "two loops; try/check all/every pair/combination; loop inside loop",
            "hash map of seen values": "map/set/lookup value* seen/passed/visited/index",
            "look up the complement": "need*/remain*/differ* target; target minus/subtract/-",
            "linear time and extra space": "once/single walk/pass/scan; constant lookup",
        },
        (
            w(
                "the smallest and largest always add up to the target",
                "first last/largest/smallest always/equal target; smallest largest target",
                "nothing guarantees the extremes sum to the target; you must check pairs, with a hash map of seen values or two pointers on a sorted array.",
                "Are you sure the first and last elements always work? What does it give for [1, 2, 3] and target 5?",
            ),
            w(
                "it can be done in constant time",
                "o(1)/constant time; only look two elements",
                "every element may have to be examined, so the best is O(n) time (O(n log n) if you sort first).",
                "Are you sure it is constant time? How many elements might you need to look at?",
            ),
        ),
    ),
    "coding-medium-1": Extra(
        {
            "hash map for lookup": "map/lookup key node constant; key to/->/point node",
            "doubly linked list for order": "list prev/previous next pointer*; node* both direction*",
            "move to front on access": "access*/read/get/use move*/put/bring front/head/newest",
            "evict the least recently used at capacity": "full/limit remov*/drop*/delet* oldest/least/back",
        },
        (
            w(
                "a plain array or list gives O(1) updates",
                "array/list o(1)/constant remov*/mov*/shift*; array enough",
                "removing from the middle of an array is O(n); a hash map pointing into a doubly linked list gives O(1) get, move and evict.",
                "Are you sure the array gives O(1)? What does moving an item from the middle to the front cost?",
            ),
            w(
                "the cache evicts the most recently used item",
                "evict*/remov*/drop* most_recent*/newest/latest",
                "an LRU cache evicts the least recently used item, the one untouched the longest.",
                "Which entry leaves first when the cache is full, and why that one?",
            ),
        ),
    ),
    "coding-medium-2": Extra(
        {
            "min-heap of list heads": "smallest head/first/front each list; pop/extract smallest/minimum",
            "n log k complexity": "log of k; each element/item log",
            "pairwise divide and conquer": "merge two/pair/halves repeat*/round*/tree",
            "naive approach and its cost": "put/collect/dump all/everything sort; merge each/one list after/time",
        },
        (
            w(
                "concatenating and sorting is the most efficient",
                "concat*/combin*/join* sort* fastest/best/most efficient/optimal",
                "sorting everything costs O(n log n) and ignores that the lists are already sorted; a heap of the k heads gives O(n log k).",
                "Are you sure sorting everything is best? What do you throw away by ignoring that each list is sorted?",
            ),
        ),
    ),
    "coding-hard-1": Extra(
        {
            "sliding window log or counter": "store/keep timestamp*/times request*; last minute/60 second*",
            "token or leaky bucket alternative": "bucket token*; tokens refill*/replenish*/add*",
            "memory per user and cleanup": "old/stale entr*/timestamp*/user* drop*/remov*/delet*/purg*",
            "precision trade-off of fixed windows": "window edge/boundar*/reset double/twice/2x; calendar minute",
            "concurrency or distribution": "multiple/many server*/instance*/node* share*/central*/count*",
        },
        (
            w(
                "a fixed per-minute counter is exact",
                "fixed/calendar window/minute exact/precise/accurate",
                "a fixed window allows up to 2N requests around its boundary; a sliding log is exact and a sliding counter approximates it.",
                "Are you sure the fixed window is exact? What happens to N requests at 0:59 and N more at 1:00?",
            ),
        ),
    ),
    "coding-hard-2": Extra(
        {
            "min-heap of size k": "keep ten/10/k most/largest/top; heap/queue size ten/10/k",
            "hash map counts and their memory limit": "count each/every message/line; too many distinct/unique memory",
            "approximate sketches": "approximat*/probabilist* count*/frequenc*; estimat* error bound*",
            "external or partitioned processing": "split/bucket*/chunk* file*/disk hash; merge partial/result*",
        },
        (
            w(
                "sorting the whole stream in memory is fine",
                "load/read/sort all/whole/entire memory/ram",
                "the stream does not fit in memory by definition; count in a bounded map, partition by hash to disk, or use a sketch.",
                "Are you sure it fits in memory? What do you do when it does not?",
            ),
        ),
    ),
    # -- system design --------------------------------------------------------------------------
    "system_design-easy-1": Extra(
        {
            "id generation and encoding": "short/random/unique code/key/id generat*/creat*; sequence/increment* id",
            "storage of the mapping": "save/store/keep short long url; look up long",
            "redirect with the right status": "browser/client sent/send*/forward* original/long url",
            "caching for reads": "hot/popular link*/url* memory; reads far more than writes",
        },
        (
            w(
                "the long URL can be compressed into the short code",
                "compress* long/url/original; zip/gzip url",
                "a short code is a key into a stored mapping (from a counter or random id, base62-encoded); URLs cannot be compressed to 7 characters.",
                "Are you sure you can compress the URL itself? How would 2,000 characters fit in seven?",
            ),
        ),
    ),
    "system_design-easy-2": Extra(
        {
            "distributes traffic across servers": "send*/route*/forward* request* differ*/many/several server*/backend*/machine*",
            "algorithms": "turn/rotat*/cycl* each/next server; fewest/least active/busy; same client same server",
            "health checks": "dead/down/fail* server* stop/remov*/skip; ping*/check* server*",
            "layer 4 versus layer 7": "connection/packet level; url/header*/path/cookie level/rout*",
        },
        (
            w(
                "a load balancer makes each request faster",
                "load balanc* make*/speed* each/every/individual request faster/quicker",
                "it spreads requests so no server is overloaded and routes around failures; a single request is not faster, often slightly slower.",
                "Are you sure each request gets faster? What does the balancer actually add to one request's path?",
            ),
        ),
    ),
    "system_design-medium-1": Extra(
        {
            "asynchronous queue": "api accept*/enqueu*/put message*/job*; send later/background",
            "per-channel workers and providers": "separate/each email/sms/push service*/consumer*/process*",
            "retries and idempotency": "fail* tr*/send again/again; same notification twice/once",
            "user preferences and rate limits": "user* choose/setting*/mute/turn_off; limit how many/often",
            "tracking delivery status": "record/know/whether/if delivered/sent/bounced/failed",
        },
        (
            w(
                "sending synchronously inside the caller's request is fine",
                "send* direct*/synchronous*/immediately request/call/api; no need queue",
                "providers are slow and fail; accept the request, queue it and let per-channel workers send with retries.",
                "Are you sure the caller should wait for the SMS provider? What happens when it is down for ten minutes?",
            ),
        ),
    ),
    "system_design-medium-2": Extra(
        {
            "fan-out on write": "post*/tweet*/write copi*/insert*/push* follower* timeline*/feed*",
            "fan-out on read": "build*/merg*/assembl* feed/timeline read/request/open*/load*",
            "celebrity or hot-user problem": "huge/large/many follower*/audience; famous/popular account*/user*",
            "caching timelines": "precomput*/store* timeline* memory; keep recent",
            "ranking and pagination": "order*/sort* time/relevan*/score; next page/scroll",
        },
        (
            w(
                "query all followed accounts with one SQL join on every request scales fine",
                "join every/each request/read scale* fine/well; single/one query scale*",
                "a join over everyone followed on every read does not scale; precompute timelines on write and merge celebrities at read time.",
                "Are you sure that join scales? What does it cost for a user following 2,000 accounts at 100k reads a second?",
            ),
        ),
    ),
    "system_design-hard-1": Extra(
        {
            "durable storage of jobs": "store*/sav*/writ* job* disk/database; survive* crash/restart",
            "partitioning or sharding for scale": "split/divid* job* across/between node*/worker*/scheduler*",
            "leases or locks to claim jobs": "worker* claim*/grab*/take* job*; only one worker",
            "idempotent handlers for duplicates": "run twice/again/more_than_once safe/harmless",
            "time-ordered index or timing wheel": "order*/sort* by time/due/deadline; next due job*",
            "failure recovery": "worker* die*/crash*/fail* job* reassign*/retr*/pick*",
        },
        (
            w(
                "a cron job on one server is enough",
                "cron one/single server/machine enough/fine; just cron",
                "a single cron host is a single point of failure and cannot hold millions of jobs; store jobs durably, partition them and lease them to workers.",
                "Are you sure one cron box is enough? What happens to the due jobs when it dies?",
            ),
            w(
                "exactly-once execution is guaranteed",
                "exactly once guarantee*/ensur*/always",
                "with failures you can promise at-least-once; handlers must be idempotent because a job can run twice.",
                "Are you sure a job never runs twice? What if a worker finishes but crashes before recording it?",
            ),
        ),
    ),
    "system_design-hard-2": Extra(
        {
            "replication across regions": "cop*/replica* data every/each/multiple region*/datacenter*",
            "consistency model choice": "stale/old read*; read own write*; eventually same",
            "conflict resolution": "concurrent/simultaneous write* same key merg*/resolv*/winner",
            "partitioning of keys": "split/spread key* across node*/server*/machine*",
            "latency versus consistency trade-off": "wait*/round trip* region* slow*; fast* local read* stale",
        },
        (
            w(
                "you can have strong consistency with local-latency reads everywhere",
                "strong consisten* low/local latency every*/all region*; linearizab* local read* fast",
                "strongly consistent reads need cross-region coordination, which costs round trips; local-latency reads mean accepting some staleness.",
                "Are you sure you get both? What has to happen before a Tokyo read can see a write just made in Frankfurt?",
            ),
        ),
    ),
    # -- databases ------------------------------------------------------------------------------
    "databases-easy-1": Extra(
        {
            "primary key uniquely identifies a row": "each/every row/record differ*/distinct/own/single value/id; no two row* same",
            "primary key is not null": "miss*/empty value* allow*/never; always value; no null*",
            "foreign key references another table": "point*/link* other/another/parent table*/row*; column* id of",
            "referential integrity": "database reject*/refus*/check*/enforc* exist*; delete* parent child*",
        },
        (
            w(
                "the database does not check foreign keys",
                "database/db not/doesn't/never check*/enforc*/verify foreign; foreign key* only naming/convention",
                "a declared foreign key is enforced: inserts must reference an existing row, and deletes follow the ON DELETE rule.",
                "Are you sure nothing is checked? What happens when you insert an order for a user id that does not exist?",
            ),
            w(
                "a primary key can be null",
                "primary key* can/may null/empty",
                "a primary key is unique and NOT NULL by definition; every row must have one.",
                "Are you sure a primary key can be null? How would you then identify that row?",
            ),
            w(
                "a primary key is just the first column",
                "primary key* first column; foreign key* any column not primary",
                "the primary key is whichever column(s) you declare to identify rows, and a foreign key is a declared reference to another table's key.",
                "Are you sure position decides it? What makes a column a key in the schema?",
            ),
        ),
    ),
    "databases-easy-2": Extra(
        {
            "remove redundancy": "each/every fact/piece once/one place/only; not copi*/repeat* data",
            "normal forms": "first/second/third form; depend* key whole key",
            "avoid update anomalies": "chang*/updat* once/one place; copi*/row* disagree/out of sync/contradict*",
            "denormalize for read performance": "duplicat*/copi*/precomput* read*/report*/join* fast*/cheap*/avoid",
        },
        (
            w(
                "normalization means scaling values to between 0 and 1",
                "scal* column*/value*/number* 0/zero 1/one; like machine learning",
                "in databases, normalization organises tables so each fact is stored once, avoiding update anomalies; it has nothing to do with scaling values.",
                "Are you sure that is the database meaning? What problem does splitting customers out of orders solve?",
            ),
            w(
                "denormalization is for repairing corrupted data",
                "denormaliz* corrupt*/restor*/repair*",
                "denormalization deliberately duplicates data to make reads cheaper, at the cost of keeping copies in sync.",
                "Are you sure? Why would a reporting table copy the customer name into every order row?",
            ),
        ),
    ),
    "databases-medium-1": Extra(
        {
            "data model and relationships": "link*/relat*/connect* entit*/table*/record*; json/flexible/nest* shape",
            "transactions and consistency needs": "multi*/several row*/document* atomic*/together; money/balance correct",
            "query patterns": "how/what data read/queri*/access*; report*/analytic*/search",
            "scaling and operations": "grow*/scale*/spread out/machine*; team experien*/familiar/run*",
        },
        (
            w(
                "document stores cannot do transactions and relational databases cannot scale",
                "relational/sql/postgres cannot/can't/don't scale; document/mongo* no/never/cannot transaction*",
                "relational databases scale far with replicas and partitioning, and MongoDB has had multi-document transactions since 4.0; decide on data model and access patterns.",
                "Are you sure? What would you actually measure to decide, given both can be scaled and both offer transactions?",
            ),
        ),
    ),
    "databases-medium-2": Extra(
        {
            "indexes and query tuning": "look/check plan*; slow query* fix*/rewr*",
            "partitioning": "split table* by date/month/range; child table*",
            "archiving old data": "move/delet*/drop old/historic* row*/data",
            "read replicas and caching": "cop*/second* server* read*; memory hot row*",
            "sharding as a last resort": "split data across/between/multiple server*/database*/machine*",
        },
        (
            w(
                "more RAM or a bigger server always fixes it",
                "just/always more/bigger ram/memory/server/hardware fix*/solv*; buy bigger",
                "hardware postpones the problem; the usual fixes are indexes and query tuning, partitioning, archiving and only then sharding.",
                "Are you sure hardware is enough? What would you look at in the slow queries first?",
            ),
        ),
    ),
    "databases-hard-1": Extra(
        {
            "expand and contract": "add new column first; old column remov*/drop* later/last",
            "dual writes or sync": "write*/keep both column*; copy chang* new column",
            "backfill in batches": "copy/migrat*/updat* exist*/old row* chunk*/small group*",
            "deploy order of application versions": "code read*/writ* new column; ship/roll out code before/after",
            "locking risks": "block*/stall* writ*/queri*/traffic; table lock",
        },
        (
            w(
                "a single ALTER TABLE ... RENAME is safe on a busy table",
                "just/simply alter/rename column safe/fine/instant; one statement enough",
                "the rename itself is quick but breaks every running app version that uses the old name, and it needs a lock that can queue behind long queries; expand, migrate, contract.",
                "Are you sure a plain rename is safe? What happens to the app servers still running code that uses the old name?",
            ),
        ),
    ),
    "databases-hard-2": Extra(
        {
            "write-ahead log": "log/record chang* before/first data file*/page*; append* log",
            "fsync before acknowledging commit": "disk before/until commit return*/ack*/confirm*; force* disk",
            "crash recovery by replay": "restart*/crash* reapply/re-apply/redo log",
            "replication and its lag": "standby/second*/copy server*; replica* behind/lag*",
            "what can still lose data": "disk/hardware die*/fail*/corrupt*; lie* write cache",
        },
        (
            w(
                "data is durable once it is in memory",
                "memory/ram durable/safe/enough; commit memory safe",
                "memory is lost on power failure; durability comes from the log being flushed to disk (fsync) before the commit is acknowledged.",
                "Are you sure memory is enough? What happens to that commit if the power goes out a millisecond later?",
            ),
            w(
                "a committed transaction can never be lost",
                "commit* never/cannot/can't lost/lose",
                "disk failure, lying write caches, asynchronous commit or failover to a lagging replica can still lose committed data.",
                "Are you sure nothing can lose it? What if the primary fails over to an async replica that was behind?",
            ),
        ),
    ),
    # -- behavioral -----------------------------------------------------------------------------
    "behavioral-easy-1": Extra(
        {
            "the situation and the feedback": "said/told/criticised/commented my code/pr/design/work",
            "how you reacted": "took time/moment; ask* example*/detail*; not take personally",
            "what you changed": "now/since write/review/test*/document*/plan*",
        },
        (
            w(
                "you have never received critical feedback",
                "never receiv*/got/had critic*/negative feedback",
                "everyone receives critical feedback; the question is how you took it and what you changed.",
                "Think of a code review or a retro that stung a little: what was said, and what did you do with it?",
            ),
        ),
    ),
    "behavioral-easy-2": Extra(
        {
            "how you learned": "read*/watch* guide*/book*/video*/example*; built small/toy/sample",
            "what you delivered": "got/made it work*/production/live; finish*/complet* on time",
        },
        (
            w(
                "you simply knew it already",
                "already knew/know everything; never need* learn",
                "the question is about learning under time pressure: how you found what you needed and what you shipped.",
                "Think of something new you had to pick up for a deadline: how did you go about it?",
            ),
        ),
    ),
    "behavioral-medium-1": Extra(
        {
            "the disagreement": "we/they want*/prefer*/propos* differ*/other/another approach/way",
            "understanding the other view": "ask* why/reason*; hear*/listen* side/reason*",
            "data or an experiment to decide": "tri*/test*/compar* both/option*/approach*",
            "the resolution and relationship": "end*/settl*/went with; still/stay* good friend*/term*",
        },
        (
            w(
                "you won because you were right",
                "i was right they wrong; i won; pull* rank; manag* forc*",
                "a good resolution comes from understanding the other view and deciding on evidence, and keeps the working relationship intact.",
                "How did you make sure their concerns were actually addressed, not just overruled?",
            ),
        ),
    ),
    "behavioral-medium-2": Extra(
        {
            "recognising the slip early": "notic*/realis*/realiz*/saw late/behind/slipp*; estimat* wrong/off",
            "communicating to stakeholders": "raised/flagg*/warn*/talk* product/lead/client*/team early",
            "cutting scope or reprioritising": "drop*/postpon*/defer*/move* feature*/later/phase",
        },
        (
            w(
                "working overtime quietly is the right fix",
                "work* longer/overtime/weekend* without/didn't tell*; just work* harder",
                "quiet overtime hides the risk; raise the slip early and renegotiate scope or dates with the people who depend on it.",
                "When did the people depending on the project learn it was late, and what did you agree with them?",
            ),
        ),
    ),
    "behavioral-hard-1": Extra(
        {
            "building consensus": "convinc*/persuad*/brought team*/people along; wrote doc*/document",
            "handling resistance": "team* reluctan*/worri*/object*/disagree*",
            "execution plan": "step*/stage*/pilot/first team one by one",
            "measurable result": "fell/dropped/cut/went from to; team* use*/switch*",
        },
        (
            w(
                "you forced it through by mandate",
                "forc*/mandat*/order* team*/them; escalat* director* make them",
                "without authority, change comes from a clear problem statement, a proposal people can shape, and early allies, not mandates.",
                "Without authority, how did you get the first sceptical team to agree?",
            ),
        ),
    ),
    "behavioral-hard-2": Extra(
        {
            "quantifying the debt": "cost*/took/spent hour*/day*/week* every/each/per; bug*/incident* per",
            "options considered": "could either; option*/choice* between",
            "stakeholder negotiation": "talk*/discuss*/present* product/pm/manager/business",
            "follow-up and results": "later/after month*/quarter* faster/fewer/less",
        },
        (
            w(
                "technical debt should always be paid before any feature",
                "always fix*/pay* debt first/before; never ship feature* until",
                "debt is a cost to weigh against value: quantify it, pay down what slows you most, and keep delivering.",
                "Are you sure it is always first? When would you ship a feature on top of known debt?",
            ),
        ),
    ),
    # -- general backend ------------------------------------------------------------------------
    "general_backend-easy-1": Extra(
        {
            "DNS resolution": "hostname/domain/name resolv*/look*/translat* ip/address",
            "TCP and TLS handshake": "open*/establish* connect*/socket; encrypt*/https certificat*",
            "load balancer or proxy": "balanc*/front/gateway pick*/forward* instance*/server*",
            "routing to a handler": "framework/app match* path/url/route function/code",
            "response with a status code": "send*/return* back status/body/header*",
        },
        (
            w(
                "the request goes straight to the database",
                "request go*/sent straight/direct* database; browser talk* database",
                "the client resolves the name, connects (TCP, TLS), usually through a load balancer, to the service, whose handler may query the database and returns a response.",
                "Are you sure the client talks to the database? What sits between the browser and your data?",
            ),
        ),
    ),
    "general_backend-easy-2": Extra(
        {
            "separate memory for processes": "process* own/private/separat* memory/heap/space; cannot see/read other* memory",
            "threads share memory": "thread* same/common heap/memory/variable*/data; see same data",
            "cost of creation and switching": "thread* cheap*/fast*/light* start*/creat*/switch*; process* expens*/heav*",
            "isolation and crash impact": "one/thread crash*/die*/fail* whole/entire/all process; process* crash* other* fine/unaffected/keep",
        },
        (
            w(
                "threads each have their own memory and processes share it",
                "thread* own/separate/private memory; process* share* one/same/single/common memory/address",
                "it is the other way round: processes have separate address spaces, threads of one process share its memory.",
                "Are you sure about which one shares memory? If two threads update the same variable, what do they see?",
            ),
            w(
                "processes are cheaper than threads",
                "process* cheap*/light*/fast* than thread*",
                "threads are cheaper to create and switch between, because they share the process's address space.",
                "Are you sure processes are cheaper? What does the OS have to set up for a new process that a thread reuses?",
            ),
        ),
    ),
    "general_backend-medium-1": Extra(
        {
            "definition": "twice/again/repeat* same state/outcome/result; once as/like many",
            "retries and duplicates": "client*/queue* resend*/redeliver*/double; timeout* again",
            "idempotency key": "unique/caller id/token/uuid per request/operation",
            "store result and check atomically": "record/sav*/store* id/token/key outcome/result/response; uniqu* constraint",
        },
        (
            w(
                "idempotent means fast or cached",
                "idempot* fast/cach*/performan*/load",
                "idempotent means repeating the operation has the same effect as doing it once; it is about correctness under retries, not speed.",
                "Are you sure it is about speed? What happens to a payment if the same request is processed twice?",
            ),
            w(
                "only GET can be idempotent",
                "only get idempot*; post never/cannot idempot*",
                "PUT and DELETE are idempotent by definition, and a POST can be made idempotent with an idempotency key.",
                "Are you sure a POST can never be idempotent? How would a client-chosen key change that?",
            ),
            w(
                "retries never happen in a good system",
                "retr* never happen*/occur; no/never duplicat* well built",
                "timeouts, redeliveries and double clicks happen in every real system, which is why idempotency matters.",
                "Are you sure? What does a client do when its request times out and it cannot tell whether it succeeded?",
            ),
        ),
    ),
    "general_backend-medium-2": Extra(
        {
            "offset pagination and its problems": "skip n row*; page number* shift*/duplicat*/miss*",
            "cursor or keyset pagination": "last id/item/key seen; token next page; where id greater",
            "stable sort order": "deterministic/consistent order*; tie* break*/unique column",
            "page size limits and total counts": "cap/maximum/bound item* per page; count* expens*/slow",
        },
        (
            w(
                "offset pagination is always fine on a changing list",
                "offset fine/good/works/always; offset no problem*",
                "with inserts and deletes offsets shift, so pages skip or repeat items, and large offsets get slow; keyset cursors fix both.",
                "Are you sure offsets are fine? What does page 2 show if three new items arrive while the user reads page 1?",
            ),
        ),
    ),
    "general_backend-hard-1": Extra(
        {
            "compare with the deploy diff": "look/check commit*/change* deploy*/release; roll* back",
            "break down by endpoint or dimension": "split/slice/group* by host/route/region/customer/version",
            "distributed tracing of slow requests": "look slow request* where time spent",
            "resource and dependency causes": "pause*/contention/queue*/exhaust*/thread* slow call*",
            "profiling or reproduction": "profile*/reproduce*/staging",
        },
        (
            w(
                "an unchanged p50 means nothing is wrong",
                "p50/median unchang*/same fine/nothing wrong/ok; ignore p99",
                "the tail is what some users feel on every page that makes several calls; a doubled p99 with a flat median points to a subset of requests or intermittent stalls.",
                "Are you sure nothing is wrong? Who experiences the p99, and how often on a page that makes twenty calls?",
            ),
        ),
    ),
    "general_backend-hard-2": Extra(
        {
            "handle SIGTERM": "orchestrator/kubernetes send*/tell* stop/terminat*; catch*/handl* shutdown",
            "stop taking new requests via readiness": "mark* not ready/unhealthy; balanc* stop* send*",
            "drain in-flight requests with a timeout": "let/wait running/current request* finish/complete; deadline",
            "rolling deploy with surge": "replac* instance*/pod* one/few at a time; new version alongside",
            "close resources and background work": "clos*/release* database/connect*/file*; finish* job*/queue*",
        },
        (
            w(
                "just kill the old instances and start new ones",
                "kill* old/process/instance* start new; sigkill fine",
                "killing drops in-flight requests; stop routing to the instance, drain with a deadline, then exit, while a rolling deploy keeps capacity.",
                "Are you sure killing is fine? What happens to the requests that instance was serving at that moment?",
            ),
        ),
    ),
}
