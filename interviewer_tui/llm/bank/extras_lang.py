"""Paraphrases, probes and misconceptions for the questions of `languages`, by question id."""
# ruff: noqa: E501  (prose data)

from __future__ import annotations

from interviewer_tui.llm.bank.model import Extra
from interviewer_tui.llm.bank.model import wrong as w

EXTRAS: dict[str, Extra] = {
    # -- go -------------------------------------------------------------------------------------
    "lang_go-easy-1": Extra(
        {
            "goroutines are lightweight threads": "thousand*/million* goroutine*; few kilobyte* stack; runtime multiplex* thread*",
            "channels pass values between goroutines": "pass*/hand* data/value*/message* between goroutine*",
            "unbuffered channels synchronise, buffered ones queue": "sender wait* until receiver; capacity queue*",
        },
        (
            w(
                "each goroutine is an OS thread",
                "goroutine* os thread* each/one; each goroutine own thread",
                "goroutines are multiplexed by the Go runtime onto a few OS threads; each starts with a small stack of a few KB.",
                "Are you sure each one is an OS thread? How could a program then run a million of them?",
            ),
        ),
    ),
    "lang_go-easy-2": Extra(
        {
            "errors are returned values": "function* return* error* last value; check* err nil",
            "wrapping with %w": "add* context/message error* keep* original/underlying",
            "errors.Is and errors.As": "check*/compar* wrapped error* sentinel/type",
            "panic is for unrecoverable cases": "crash*/abort* bug*/impossible; not normal error*",
        },
        (
            w(
                "Go uses exceptions with try and catch",
                "go/golang try catch; go exception*; throw* exception*",
                "Go has no exceptions: errors are ordinary return values checked with if err != nil; panic is only for unrecoverable bugs.",
                "Are you sure Go has try/catch? What does a Go function that can fail return?",
            ),
        ),
    ),
    "lang_go-medium-1": Extra(
        {
            "cancellation propagates down the call tree": "cancel* parent child* stop*; client disconnect* stop* work",
            "deadlines and timeouts": "time limit* request*/call*; expire* after",
            "first parameter, passed explicitly": "pass* ctx every function/call; never store struct*",
            "request-scoped values sparingly": "store*/carry* request id/user id; not optional parameter*",
        },
        (
            w(
                "context is a place to pass optional parameters and dependencies",
                "context pass*/store* parameter*/depend*/config*/database; put everything context",
                "context carries cancellation, deadlines and a few request-scoped values like a trace id; dependencies and parameters belong in explicit arguments.",
                "Are you sure? What is context.Context primarily for when a client disconnects?",
            ),
        ),
    ),
    "lang_go-medium-2": Extra(
        {
            "blocked forever on a channel or lock": "goroutine* wait*/stuck forever nobody send*/read*/receiv*",
            "missing cancellation": "no way stop/exit goroutine*; never told stop",
            "finding them: pprof or goroutine count": "number goroutine* grow*/climb*; dump* stack*",
            "prevention: ownership and buffered channels": "whoever start* goroutine* responsible stop*; close* channel* done",
        },
        (
            w(
                "the garbage collector frees blocked goroutines",
                "garbage collect*/gc free*/clean*/collect* goroutine*",
                "the GC never collects a goroutine that is blocked: it and everything it references stay alive until it returns.",
                "Are you sure the GC frees it? What happens to a goroutine blocked forever on a channel nobody reads?",
            ),
        ),
    ),
    "lang_go-hard-1": Extra(
        {
            "G, M and P model": "goroutine* os thread* logical processor*",
            "local run queues and work stealing": "idle processor*/thread* take*/grab* goroutine* other* queue*",
            "blocking syscalls hand off the P": "thread block* kernel/system call runtime start*/give* another thread",
            "network poller and preemption": "network wait* park* goroutine*; long running goroutine* interrupt*",
        },
        (
            w(
                "a blocking system call blocks every goroutine",
                "system call*/syscall* block* all/every goroutine*; whole program block*",
                "on a blocking syscall the runtime hands the P to another thread, so other goroutines keep running.",
                "Are you sure everything stops? What does the runtime do with the P when its thread blocks in the kernel?",
            ),
        ),
    ),
    "lang_go-hard-2": Extra(
        {
            "concurrent mark and sweep": "mark* live object* while program run*; short stop world pause*",
            "GOGC and GOMEMLIMIT": "tune* how often collect*/gc run*; heap growth percent*",
            "escape analysis and heap allocations": "compiler decid* variable* stack or heap; pointer* escap*",
            "reduce allocations: pooling and reuse": "reuse buffer*/object*; allocat* fewer/less",
            "profile with pprof": "measur*/profil* allocation*",
        },
        (
            w(
                "Go uses reference counting",
                "go/golang reference count*; refcount*",
                "Go uses a concurrent tri-colour mark-and-sweep collector, not reference counting.",
                "Are you sure it counts references? How would reference counting deal with cycles?",
            ),
        ),
    ),
    # -- python ---------------------------------------------------------------------------------
    "lang_python-easy-1": Extra(
        {
            "lists are mutable, tuples immutable": "list* chang*/modif*/append*; tuple* cannot/can't chang*/modif*",
            "tuples are hashable and can be dict keys": "tuple* key* dictionar*/map*",
            "use: homogeneous sequences versus fixed records": "group*/collection* same kind item*; return two/several value*",
            "performance and memory": "tuple* slight* fast*/small*/less memory",
        },
        (
            w(
                "tuples can be changed in place",
                "tuple* can/may chang*/modif*/append*; tuple* mutable",
                "tuples are immutable: you cannot add, remove or replace their items, which is also what makes them hashable.",
                "Are you sure you can change a tuple? What happens if you try t[0] = 1?",
            ),
        ),
    ),
    "lang_python-easy-2": Extra(
        {
            "a function that wraps another function": "function* take* function* return* new/another/inner function*",
            "the @ syntax": "at sign/symbol above definition",
            "functools.wraps": "keep*/preserv*/copy name docstring",
            "a use case such as logging, timing, caching or auth": "measur* time; check* login/permission*; log* call*",
        },
        (
            w(
                "a decorator changes the function's source code",
                "decorator* chang*/modif*/edit*/rewrit* source/code function",
                "a decorator replaces the function with a wrapper that calls the original; the original code is untouched.",
                "Are you sure it edits the source? What does @timer actually bind to the name?",
            ),
        ),
    ),
    "lang_python-medium-1": Extra(
        {
            "one thread executes Python bytecode at a time": "only one thread run*/execut* python code/time/moment; mutex cpython",
            "released during I/O": "thread* wait* network/disk/socket/file give*/drop*/releas* lock",
            "CPU-bound work needs processes": "cpu/comput*/heavy work process*/worker*; several process*",
            "alternatives: async, C extensions, free-threaded builds": "native/c code drop* lock; experimental build without lock",
        },
        (
            w(
                "the GIL lets threads run Python code in parallel on all cores",
                "gil make*/let* thread* run* parallel; thread* truly parallel; add more thread* cpu",
                "the GIL allows only one thread to execute Python bytecode at a time, so threads do not give CPU parallelism.",
                "Are you sure threads run in parallel? What does the GIL allow at any one moment?",
            ),
            w(
                "the GIL is the garbage collector",
                "gil garbage collector; gil pause* world",
                "the GIL is the global interpreter lock, a mutex around the interpreter; garbage collection is reference counting plus a cycle collector.",
                "Are you sure it is the garbage collector? What does the L in GIL stand for?",
            ),
        ),
    ),
    "lang_python-medium-2": Extra(
        {
            "event loop runs coroutines cooperatively": "single thread run* task*/coroutine* switch* when wait*",
            "await yields control": "await give*/hand* back loop; pause* coroutine until",
            "blocking calls stall every task": "blocking/sync call* stop*/freez* whole/entire loop/server; other request* wait*",
            "fixes: async libraries or run in a thread": "move* blocking call* thread*/executor; use async client*/driver*",
        },
        (
            w(
                "asyncio runs coroutines in parallel threads",
                "asyncio/coroutine* run* parallel/separate thread*; each coroutine own thread",
                "asyncio runs coroutines on one thread, switching only at await points; nothing runs in parallel.",
                "Are you sure they run on separate threads? Then why would one blocking call freeze all of them?",
            ),
        ),
    ),
    "lang_python-hard-1": Extra(
        {
            "reference counting frees objects immediately": "count* reference*/pointer*; count zero free*/freed/destroy*",
            "cyclic garbage collector with generations": "object* refer* each other; young old object*",
            "pymalloc arenas and fragmentation": "small object* allocator; memory not/never return* os",
            "leak sources: caches, globals, closures": "grow* forever dict*/list*; keep* reference* alive",
            "tools: tracemalloc and heap snapshots": "compar* memory snapshot*; track* allocation*",
        },
        (
            w(
                "Python has only a tracing garbage collector and no reference counting",
                "python/cpython only/just tracing/mark; no reference count*",
                "CPython frees most objects by reference counting as soon as the count drops to zero; the cyclic GC only handles reference cycles.",
                "Are you sure? When is an object freed in CPython if nothing refers to it any more?",
            ),
        ),
    ),
    "lang_python-hard-2": Extra(
        {
            "offload from the request path": "return* immediate*/right_away job*/task* later/separate",
            "process pool for parallelism": "pool process*; several/multiple core*",
            "profile before optimising": "find*/measur* where time spent/hot spot*",
            "vectorise or native code": "compiled/native/c/rust code hot loop*",
            "cache results": "store*/reuse* result* same input*",
        },
        (
            w(
                "more threads make CPU-bound Python faster",
                "more thread* fast*/speed*; thread pool cpu fast*; thread* solv* cpu",
                "because of the GIL, threads do not speed up pure-Python CPU work; use processes, native code, or offload to workers.",
                "Are you sure threads help here? What does the GIL do to two threads both computing?",
            ),
        ),
    ),
    # -- java -----------------------------------------------------------------------------------
    "lang_java-easy-1": Extra(
        {
            "a class can implement many interfaces but extend one class": "implement* several interface*; only one parent/superclass/base class",
            "abstract classes hold state and constructors": "abstract class* instance variable*/member*/field*",
            "interfaces define a contract, default methods since Java 8": "interface* method* body/implement* default; what class must do",
            "when to use each": "share* implementation/behavio*; common base",
        },
        (
            w(
                "a class can extend several abstract classes",
                "extend* several/multiple/many abstract/class*; multiple inheritance class*",
                "Java has single inheritance of classes: a class extends at most one class but can implement many interfaces.",
                "Are you sure? How many classes can one Java class extend?",
            ),
        ),
    ),
    "lang_java-easy-2": Extra(
        {
            "equal objects must have equal hash codes": "equals true hashcode same/equal; equal object* same hash",
            "override both together": "override*/implement* one other; both method*",
            "HashMap and HashSet lookups break": "map*/set* cannot/can't find/lookup/contain*; duplicate* set",
            "unequal objects may share a hash": "differ* object* same hash code/value; same hash not mean equal",
        },
        (
            w(
                "equal hash codes mean the objects are equal",
                "same/equal hash* mean*/impl* equal; hashcode equal object* equal",
                "the contract only goes one way: equal objects must share a hash code, but different objects may collide.",
                "Are you sure? How many possible hash codes are there compared with possible strings?",
            ),
        ),
    ),
    "lang_java-medium-1": Extra(
        {
            "generational hypothesis: young and old generations": "most object* die young; new object* region",
            "minor and major collections": "small/frequent collect* young; long/object* survive* move*",
            "collectors: G1, ZGC, Parallel": "low pause collector; region* collector",
            "choose by latency versus throughput": "pause* short/low; batch throughput",
        },
        (
            w(
                "Java frees memory by reference counting",
                "java/jvm reference count*",
                "the JVM uses tracing collectors (generational, from the roots), not reference counting.",
                "Are you sure? How would reference counting handle two objects pointing at each other?",
            ),
        ),
    ),
    "lang_java-medium-2": Extra(
        {
            "synchronized: intrinsic lock, simple": "keyword lock object; built lock",
            "ReentrantLock: tryLock, timeouts, fairness, conditions": "explicit lock* unlock finally; try acquir*",
            "concurrent collections and atomics": "thread safe map*/collection*; atomic counter*",
            "executors and higher-level tools": "thread pool*; latch*/barrier*/futur*",
            "visibility guarantees": "other thread* see* write*/change*",
        },
        (
            w(
                "volatile makes compound operations like count++ atomic",
                "volatile make*/atomic; volatile count* thread safe",
                "volatile only guarantees visibility and ordering; count++ is still a read-modify-write race; use AtomicInteger or a lock.",
                "Are you sure volatile makes count++ safe? How many steps is count++?",
            ),
        ),
    ),
    "lang_java-hard-1": Extra(
        {
            "lightweight threads scheduled by the JVM": "cheap thread* jvm manag*; run* on carrier/platform thread*",
            "blocking I/O unmounts the virtual thread": "block* free*/releas* carrier/os thread",
            "thread-per-request without reactive code": "plain/simple blocking style code scale*",
            "pinning with synchronized or native calls": "stuck/tie*/hold* carrier synchronized",
            "no pooling; limit resources with semaphores": "don't/never pool virtual thread*; limit concurren* database",
        },
        (
            w(
                "virtual threads make CPU-bound code faster",
                "virtual thread* fast*/speed* cpu/comput*; virtual thread* more cpu",
                "virtual threads help with many blocking I/O tasks; CPU-bound work is limited by cores either way.",
                "Are you sure they speed up computation? What limits CPU-bound work regardless of thread type?",
            ),
        ),
    ),
    "lang_java-hard-2": Extra(
        {
            "GC logs and heap metrics trend": "heap after collect* keep* grow*/climb*; memory graph* over day*",
            "heap dump on OOM": "dump heap when crash*/run* out; snapshot heap",
            "analyse dominators and retained size": "which object* hold*/keep* most memory; largest retain*",
            "common causes": "map*/list*/collection* grow* never remov*; listener* never unregist*",
            "fix and verify": "bound*/limit* cache size; test again fix*",
        },
        (
            w(
                "a bigger heap fixes it",
                "bigger/larger/increas* heap/xmx fix*/solv*; just increas* memory",
                "a bigger heap only delays the crash if something keeps growing; find what retains the memory in a heap dump.",
                "Are you sure a bigger heap fixes it? If the heap grows steadily, what happens with twice the memory?",
            ),
        ),
    ),
    # -- javascript -----------------------------------------------------------------------------
    "lang_javascript-easy-1": Extra(
        {
            "var is function-scoped": "var visible whole/entire function; var leak* loop/block",
            "let and const are block-scoped": "let const only inside/within brace*/block/loop",
            "const cannot be reassigned, but objects stay mutable": "const object* still chang*/modif*; const cannot assign again",
            "hoisting and the temporal dead zone": "use* before declar* error/undefined",
        },
        (
            w(
                "const makes objects immutable",
                "const object* immutable/cannot chang*/frozen; const make* immutable",
                "const only prevents reassigning the binding; the object it points to can still be mutated (use Object.freeze for that).",
                "Are you sure? What happens if you push to a const array?",
            ),
        ),
    ),
    "lang_javascript-easy-2": Extra(
        {
            "represents a future value": "object* stand*/represent* result* not yet/later; result* http call later",
            "states: pending, fulfilled, rejected": "succeed*/fail* value/error; settl* never chang*; wait* succeed* fail*",
            "then and catch chaining": "attach*/register* callback*/handler*; step* one after another",
            "async/await is syntax over promises with try/catch": "async function* return* promise*; await paus* until settl*",
        },
        (
            w(
                "a Promise runs its work on a separate thread",
                "promise* run*/execut* separate/another/background thread; promise* parallel thread*",
                "a Promise is just a placeholder for a result; JavaScript runs on one thread and the work is I/O handled by the runtime, with callbacks on the event loop.",
                "Are you sure it runs on another thread? Where does the callback passed to .then run?",
            ),
            w(
                "await blocks the whole Node process",
                "await block* whole/entire/node process/thread/event loop",
                "await suspends only the current async function; the event loop keeps serving other work meanwhile.",
                "Are you sure the whole process waits? What do other requests do while one handler awaits a database call?",
            ),
            w(
                "async/await is unrelated to Promises",
                "async await differ*/separate mechanism; cannot mix promise*",
                "async/await is syntax over Promises: an async function returns a Promise and await consumes one.",
                "Are you sure they are unrelated? What does an async function return?",
            ),
        ),
    ),
    "lang_javascript-medium-1": Extra(
        {
            "single thread runs JavaScript": "one/only thread execut*/run* javascript/code/callback*",
            "non-blocking I/O via libuv": "operating system/kernel handl* network/file; callback when done/ready",
            "phases, microtasks and macrotasks": "promise callback* before timer*; queue* order",
            "synchronous work blocks all requests": "long/heavy loop/comput* other/every request* wait*",
            "fixes: worker threads or offloading": "move*/split* heavy work separate thread*/process*/service",
        },
        (
            w(
                "Node runs each request on its own thread",
                "node/each request own thread; thread per request node",
                "Node runs all JavaScript on one thread; I/O is non-blocking and heavy synchronous work stalls every request.",
                "Are you sure each request gets a thread? Then why would one heavy loop slow down all the others?",
            ),
        ),
    ),
    "lang_javascript-medium-2": Extra(
        {
            "compile-time checking and refactoring": "catch* bug*/error*/mistake* before run*; renam* safe*",
            "structural typing": "type* compar* by field*/property*/structure; not by name",
            "types are erased at runtime": "type* gone/disappear*/remov*/vanish* run*/compil*; javascript no type*",
            "validate external input, e.g. with zod": "check*/pars* request* body*/json/input run* time",
            "escape hatches: any and casts": "turn off check*; trust me",
        },
        (
            w(
                "TypeScript types validate data at runtime",
                "typescript/type* check*/validat* run* time/request*; type* guarantee* request* body",
                "TypeScript types are erased at compile time; JSON from a request is unchecked until you validate it, e.g. with zod.",
                "Are you sure the types check incoming JSON? What is left of your interfaces in the compiled JavaScript?",
            ),
        ),
    ),
    "lang_javascript-hard-1": Extra(
        {
            "streams and buffering in memory": "read*/process* chunk* piece*; whole file memory",
            "write returns false and the drain event": "writer/destination full/busy stop/paus* read* until ready",
            "pipe or pipeline handles back-pressure": "connect* stream* automatic* paus* resum*",
            "error handling and cleanup": "fail* close*/clean* stream*; abort* upload",
            "limits and timeouts": "maximum/cap upload size; slow client* cut/drop",
        },
        (
            w(
                "reading the whole file into memory first is fine",
                "read*/load*/buffer* whole/entire/full file memory fine/ok/first; readfile fine",
                "buffering whole uploads exhausts memory under load; stream in chunks and let back-pressure pause the source.",
                "Are you sure? What happens with fifty 2 GB uploads at once?",
            ),
        ),
    ),
    "lang_javascript-hard-2": Extra(
        {
            "common causes: globals, caches, closures, listeners": "map*/array*/object* grow* never clear*; handler* add* never remov*",
            "heap snapshots comparison": "compar* two/several snapshot*/dump* memory",
            "retainers in the snapshot": "what keep*/hold* object* alive",
            "monitoring heap usage over time": "memory grow*/climb* hour*/day*; graph memory",
            "production-safe tools": "live/running process dump*/snapshot*",
        },
        (
            w(
                "JavaScript's garbage collector makes leaks impossible",
                "garbage collect*/gc prevent*/impossible/never leak*; javascript cannot leak",
                "the GC frees only unreachable objects; anything still referenced (a growing cache, a listener, a closure) is kept and leaks.",
                "Are you sure leaks are impossible? What happens to objects a global Map still references?",
            ),
        ),
    ),
}
