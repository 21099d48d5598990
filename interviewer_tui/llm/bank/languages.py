"""Bank questions for the language topics: Go, Python, Java, JavaScript/TypeScript."""
# ruff: noqa: E501  (question text and reference answers are prose data)

from __future__ import annotations

from interviewer_tui.llm.bank.model import BankQuestion, q

QUESTIONS: tuple[BankQuestion, ...] = (
    # -- Go -------------------------------------------------------------------------------------
    q(
        "lang_go",
        "easy",
        "What are goroutines and channels in Go, and how do they work together?",
        {
            "goroutines are lightweight threads": "lightweight|cheap|small stack|runtime schedul|green thread",
            "started with the go keyword": "go keyword|go func|go statement|`go`",
            "channels pass values between goroutines": "channel|send|receive|communicat",
            "unbuffered channels synchronise, buffered ones queue": "unbuffered|buffered|block|synchroni",
        },
        "A goroutine is a lightweight thread managed by the Go runtime scheduler rather than the OS; it "
        "starts with a small stack, so you can run hundreds of thousands. You start one with the go keyword, "
        "as in go func() { ... }(). Channels let goroutines communicate: one goroutine can send a value and "
        "another can receive it, which follows the idea of sharing memory by communicating. An unbuffered "
        "channel blocks the sender until a receiver is ready, so it synchronises them; a buffered channel "
        "queues up to its capacity before a send blocks.",
    ),
    q(
        "lang_go",
        "easy",
        "How does error handling work in Go, and how do you add context to errors?",
        {
            "errors are returned values": "return|value|if err != nil|err != nil",
            "wrapping with %w": "%w|wrap|fmt.errorf",
            "errors.Is and errors.As": "errors.is|errors.as",
            "panic is for unrecoverable cases": "panic|recover|unrecoverable|exceptional",
        },
        "In Go errors are ordinary values: functions return an error as the last return value and the "
        "caller checks if err != nil and handles it or returns it up. To add context, wrap it with "
        'fmt.Errorf and the %w verb, like fmt.Errorf("loading user %d: %w", id, err), which keeps the '
        "original error inside. Callers then use errors.Is to match a sentinel error such as "
        "sql.ErrNoRows, and errors.As to extract a specific error type. panic is reserved for unrecoverable "
        "programmer errors; recover is rarely used outside frameworks.",
    ),
    q(
        "lang_go",
        "medium",
        "How does context.Context work in Go, and how should a backend service use it?",
        {
            "cancellation propagates down the call tree": "cancel|propagat|done channel|ctx.done",
            "deadlines and timeouts": "deadline|timeout|withtimeout",
            "first parameter, passed explicitly": "first parameter|first argument|pass it|explicit",
            "request-scoped values sparingly": "value|withvalue|request-scoped|request scoped|trace id",
        },
        "A context carries cancellation, deadlines and request-scoped values across API boundaries. When an "
        "HTTP request ends or the client disconnects, its context is cancelled, and the cancel propagates to "
        "every derived context, so database queries and outgoing calls that watch ctx.Done() stop early. "
        "context.WithTimeout or WithDeadline bound how long downstream work may take. By convention the "
        "context is the first parameter of every function doing I/O, passed explicitly, never stored in a "
        "struct. WithValue is for request-scoped data like a trace id, used sparingly and never for optional "
        "function parameters.",
    ),
    q(
        "lang_go",
        "medium",
        "What causes goroutine leaks, and how do you find and prevent them?",
        {
            "blocked forever on a channel or lock": "blocked|block forever|never receive|never send|waiting forever",
            "missing cancellation": "cancel|context|done",
            "finding them: pprof or goroutine count": "pprof|goroutine count|runtime.numgoroutine|profile|goleak",
            "prevention: ownership and buffered channels": "owner|buffered|close the channel|errgroup|waitgroup",
        },
        "A goroutine leaks when it stays blocked forever: a send on a channel nobody will receive from, for "
        "example after the caller returned early on a timeout, or a receive on a channel that is never closed, "
        "or a lock never released. Missing cancellation is the usual root cause: the goroutine does not select "
        "on ctx.Done(). To find leaks, watch runtime.NumGoroutine as a metric and take a pprof goroutine "
        "profile to see where they are stuck; in tests goleak catches them. Prevention: every goroutine has "
        "an owner that waits for it with a WaitGroup or errgroup, senders use a buffered channel of size one "
        "when the receiver may leave, and the owner closes the channel when done.",
    ),
    q(
        "lang_go",
        "hard",
        "Explain how the Go scheduler maps goroutines onto OS threads, and what happens on a blocking system call.",
        {
            "G, M and P model": "g, m|m:n|gmp|processor|m and p",
            "GOMAXPROCS": "gomaxprocs",
            "local run queues and work stealing": "run queue|work stealing|steal",
            "blocking syscalls hand off the P": "syscall|system call|hand off|handoff|detach",
            "network poller and preemption": "netpoll|network poller|epoll|preempt",
        },
        "Go uses an M:N scheduler with three entities: G, goroutines; M, OS threads; and P, logical "
        "processors that hold a local run queue of goroutines. GOMAXPROCS sets the number of Ps, by default "
        "the number of cores, so at most that many goroutines run Go code at once. Each M must hold a P to "
        "run goroutines; an idle P does work stealing from other Ps' run queues, with a global queue as "
        "backup. When a goroutine makes a blocking system call, its M blocks, so the runtime will hand off "
        "the P to another M, creating one if needed, and the other goroutines keep running. Network I/O does "
        "not block threads: the network poller uses epoll and parks the goroutine. Since Go 1.14, goroutines "
        "are preempted asynchronously, so a tight loop cannot starve others.",
    ),
    q(
        "lang_go",
        "hard",
        "How does Go's garbage collector work, and how would you reduce GC pressure in a latency-sensitive service?",
        {
            "concurrent mark and sweep": "concurrent|mark|sweep|tri-color|tricolor",
            "GOGC and GOMEMLIMIT": "gogc|gomemlimit|memory limit",
            "escape analysis and heap allocations": "escape analysis|heap|stack|allocat",
            "reduce allocations: pooling and reuse": "sync.pool|pool|reuse|preallocat",
            "profile with pprof": "pprof|profil|alloc_space|trace",
        },
        "Go's collector is a concurrent, non-generational, tri-color mark and sweep collector: it marks "
        "reachable objects while the program runs, with short stop-the-world pauses, and sweeps lazily. The "
        "pace is set by GOGC, by default 100, which starts a cycle when the heap has grown 100 percent since "
        "the last one; GOMEMLIMIT adds a soft memory limit. GC cost grows with the allocation rate, so to "
        "reduce pressure I reduce heap allocations: escape analysis decides what stays on the stack, so avoid "
        "pointers that escape needlessly; preallocate slices and maps; reuse buffers with sync.Pool. I find "
        "the hot spots by profiling with pprof's alloc_space profile and the execution trace.",
    ),
    # -- Python ---------------------------------------------------------------------------------
    q(
        "lang_python",
        "easy",
        "What is the difference between a list and a tuple in Python, and when would you use each?",
        {
            "lists are mutable, tuples immutable": "mutable|immutable",
            "tuples are hashable and can be dict keys": "hashable|dict key|dictionary key|set",
            "use: homogeneous sequences versus fixed records": "record|fixed|heterogeneous|homogeneous|coordinates|return multiple",
            "performance and memory": "faster|memory|smaller|lighter",
        },
        "A list is mutable: you can append, remove and change items. A tuple is immutable: once created it "
        "cannot change. Because of that, a tuple of hashable items is itself hashable, so it can be a dict "
        "key or go in a set, and a list cannot. I use a list for a homogeneous sequence that grows, like rows "
        "to process, and a tuple for a fixed record such as coordinates or to return multiple values from a "
        "function. Tuples are also slightly smaller in memory and a little faster to create.",
    ),
    q(
        "lang_python",
        "easy",
        "What does a decorator do in Python? Give an example of when you would write one.",
        {
            "a function that wraps another function": "wrap|takes a function|returns a function|higher-order",
            "the @ syntax": "@",
            "functools.wraps": "functools.wraps|wraps",
            "a use case such as logging, timing, caching or auth": "logging|timing|cache|retry|auth|permission",
        },
        "A decorator is a function that takes a function and returns a new function that wraps it, adding "
        "behaviour before or after the call without changing its code. Writing @timed above a def is the "
        "same as func = timed(func). Inside, I use functools.wraps on the wrapper so the original name and "
        "docstring are kept. Typical use cases: timing and logging calls, a retry with backoff around a "
        "network call, caching results like functools.lru_cache, or checking auth permissions on a web "
        "handler.",
    ),
    q(
        "lang_python",
        "medium",
        "What is the GIL, and how does it affect a Python backend service?",
        {
            "one thread executes Python bytecode at a time": "one thread|single thread|bytecode|global interpreter lock",
            "released during I/O": "i/o|io|release|blocking call|network",
            "CPU-bound work needs processes": "cpu-bound|cpu bound|multiprocessing|process",
            "alternatives: async, C extensions, free-threaded builds": "asyncio|async|c extension|numpy|free-threaded|no-gil|3.13",
        },
        "The GIL, the global interpreter lock in CPython, lets only one thread execute Python bytecode at a "
        "time, which keeps memory management simple. It is released during blocking I/O such as network or "
        "disk calls, so threads still work well for I/O-heavy services. CPU-bound work does not speed up with "
        "threads: for that I use multiprocessing or several worker processes, as gunicorn does. Other "
        "options: asyncio for many concurrent connections in one thread, C extensions like NumPy that release "
        "the GIL, and the free-threaded build introduced experimentally in Python 3.13.",
    ),
    q(
        "lang_python",
        "medium",
        "How does asyncio work, and what happens if you call blocking code inside a coroutine?",
        {
            "event loop runs coroutines cooperatively": "event loop|cooperative",
            "await yields control": "await|yield|suspend",
            "blocking calls stall every task": "block|stall|freez|all other|every other",
            "fixes: async libraries or run in a thread": "to_thread|run_in_executor|executor|thread|async librar|aiohttp|httpx",
        },
        "asyncio runs coroutines on a single-threaded event loop with cooperative multitasking: a coroutine "
        "runs until it hits an await on something not ready, like a network read, then it is suspended and "
        "the loop resumes another task whose I/O is ready. If a coroutine calls blocking code, such as "
        "time.sleep, requests.get or a CPU-heavy loop, it never yields, so it will stall every other task on "
        "the loop and the whole service freezes for that time. The fix is to use async libraries like httpx "
        "or asyncpg, or to move blocking work to a thread with asyncio.to_thread or run_in_executor, and "
        "CPU-heavy work to a process pool.",
    ),
    q(
        "lang_python",
        "hard",
        "How does CPython manage memory? Explain reference counting, the cyclic garbage collector, and how you would track down a memory leak.",
        {
            "reference counting frees objects immediately": "reference count|refcount",
            "cyclic garbage collector with generations": "cycle|cyclic|generation|gc module",
            "pymalloc arenas and fragmentation": "pymalloc|arena|fragment|allocator|return memory",
            "leak sources: caches, globals, closures": "global|cache|unbounded|closure|lru_cache|reference held",
            "tools: tracemalloc and heap snapshots": "tracemalloc|objgraph|memray|snapshot|heap",
        },
        "CPython primarily uses reference counting: every object has a refcount and is freed immediately when "
        "it drops to zero. Reference counting cannot free reference cycles, so a cyclic garbage collector, the "
        "gc module, periodically scans container objects in three generations, collecting young objects more "
        "often. Small objects come from pymalloc, which allocates arenas; fragmentation can keep arenas alive, "
        "so the process may not return memory to the OS even after objects die. Real leaks are usually "
        "references held longer than intended: an unbounded cache or lru_cache on a method, a global list, "
        "closures or callbacks registered and never removed. To track it down I compare tracemalloc "
        "snapshots over time, or use memray, and objgraph to see what holds the growing objects on the heap.",
    ),
    q(
        "lang_python",
        "hard",
        "How would you make a CPU-heavy Python endpoint fast without blocking the web server?",
        {
            "offload from the request path": "offload|background|queue|celery|worker|task",
            "process pool for parallelism": "process pool|processpoolexecutor|multiprocessing|separate process",
            "profile before optimising": "profil|cprofile|py-spy|scalene|measure",
            "vectorise or native code": "numpy|vectori|cython|rust|c extension|pyo3|numba",
            "cache results": "cache|memoiz",
        },
        "First I would measure: profile the endpoint with cProfile or py-spy to find where the time goes. "
        "Then make the hot code faster: vectorise it with NumPy, or move the inner loop to native code with "
        "Cython, Numba or Rust through PyO3, which can be ten to a hundred times faster and releases the GIL. "
        "Cache results when the same inputs repeat. To keep the server responsive, I never run it on the event "
        "loop or request thread: for work under a second, use a process pool such as ProcessPoolExecutor "
        "for real parallelism; for longer work, offload it to a background worker through a queue, like "
        "Celery, and return 202 with a task id the client can poll.",
    ),
    # -- Java -----------------------------------------------------------------------------------
    q(
        "lang_java",
        "easy",
        "What is the difference between an interface and an abstract class in Java?",
        {
            "a class can implement many interfaces but extend one class": "multiple|many interfaces|single inheritance|only one class|extend one",
            "abstract classes hold state and constructors": "state|field|constructor",
            "interfaces define a contract, default methods since Java 8": "contract|default method|java 8",
            "when to use each": "shared code|capability|is-a|use an interface|prefer",
        },
        "A class can implement many interfaces but extend only one class, because Java has single "
        "inheritance of classes. An abstract class can hold state in fields, have constructors and a mix of "
        "implemented and abstract methods, so it is good for sharing code between closely related classes, "
        "an is-a relationship. An interface defines a contract, a capability such as Comparable; since Java 8 "
        "it can have default methods, but no instance state. I prefer interfaces for APIs and dependencies, "
        "and use an abstract class only when subclasses really share implementation and state.",
    ),
    q(
        "lang_java",
        "easy",
        "What is the contract between equals and hashCode, and what breaks if you violate it?",
        {
            "equal objects must have equal hash codes": "equal objects|same hash|equal hash",
            "override both together": "both|together|override",
            "HashMap and HashSet lookups break": "hashmap|hashset|lookup|bucket",
            "unequal objects may share a hash": "collision|may have the same|not necessarily",
        },
        "If two objects are equal according to equals, they must return the same hashCode; the reverse is not "
        "required, since unequal objects may have the same hash, which is a collision. So whenever you "
        "override equals you must override hashCode too, using the same fields, both together. If you "
        "violate it, HashMap and HashSet break: they use the hash to pick a bucket, so a lookup with an equal "
        "key looks in the wrong bucket and does not find the entry, and a set can hold duplicates. Java "
        "records generate both correctly.",
    ),
    q(
        "lang_java",
        "medium",
        "How does the JVM's garbage collection work at a high level, and how would you choose a collector?",
        {
            "generational hypothesis: young and old generations": "generation|young|old|eden|survivor",
            "minor and major collections": "minor|major|full gc|promot",
            "collectors: G1, ZGC, Parallel": "g1|zgc|shenandoah|parallel",
            "choose by latency versus throughput": "latency|throughput|pause|heap size",
        },
        "The JVM's collectors are generational: most objects die young, so new objects go to the young "
        "generation, in Eden, and survivors of a few minor collections are promoted to the old generation. "
        "Minor collections of the young generation are frequent and cheap; major or full GC of the old "
        "generation is more expensive. G1 is the default: it splits the heap into regions and targets a pause "
        "time goal, a good balance. The Parallel collector maximises throughput for batch jobs with longer "
        "pauses. ZGC and Shenandoah do almost all work concurrently with sub-millisecond pauses, for "
        "latency-sensitive services and large heap size. So I choose by latency versus throughput, then "
        "verify with GC logs.",
    ),
    q(
        "lang_java",
        "medium",
        "Compare synchronized, ReentrantLock and the classes in java.util.concurrent for sharing state between threads.",
        {
            "synchronized: intrinsic lock, simple": "synchronized|intrinsic|monitor",
            "ReentrantLock: tryLock, timeouts, fairness, conditions": "reentrantlock|trylock|timeout|fair|condition",
            "concurrent collections and atomics": "concurrenthashmap|atomic|atomicinteger|longadder|concurrent collection",
            "executors and higher-level tools": "executor|completablefuture|countdownlatch|semaphore",
            "visibility guarantees": "visib|happens-before|volatile|memory model",
        },
        "synchronized uses the object's intrinsic monitor lock: simple, released automatically, and it "
        "establishes happens-before, so writes inside are visible to the next thread that takes the lock. "
        "ReentrantLock adds tryLock with a timeout, interruptible waits, optional fairness, and several "
        "Condition objects, at the cost of having to unlock in a finally block. Usually I avoid explicit locks "
        "altogether: java.util.concurrent offers concurrent collections like ConcurrentHashMap, atomics like "
        "AtomicInteger and LongAdder for counters, and higher-level tools like an ExecutorService, "
        "CompletableFuture, CountDownLatch and Semaphore, which are easier to get right. volatile gives "
        "visibility without atomicity.",
    ),
    q(
        "lang_java",
        "hard",
        "What are virtual threads in Java 21, how do they differ from platform threads, and what are the pitfalls?",
        {
            "lightweight threads scheduled by the JVM": "lightweight|jvm schedul|carrier|mounted|millions",
            "blocking I/O unmounts the virtual thread": "unmount|parks it|parked|blocking i/o|blocking is cheap",
            "thread-per-request without reactive code": "thread-per-request|thread per request|reactive|simple blocking code",
            "pinning with synchronized or native calls": "pin|synchronized|native",
            "no pooling; limit resources with semaphores": "pool|semaphore|threadlocal|thread local",
        },
        "Virtual threads are lightweight threads scheduled by the JVM: many virtual threads, even millions, "
        "run on a small pool of carrier platform threads. When a virtual thread does blocking I/O, the JVM "
        "parks it and unmounts it from its carrier, which runs another one, so blocking is cheap. That brings "
        "back simple blocking code in a thread-per-request style with the scalability of reactive code. "
        "Pitfalls: pinning, where a virtual thread blocks inside a synchronized block or a native call and "
        "holds its carrier, fixed for synchronized in Java 24; do not pool virtual threads, create one per "
        "task, and limit access to scarce resources like database connections with a semaphore; and heavy "
        "ThreadLocal use multiplies memory.",
    ),
    q(
        "lang_java",
        "hard",
        "A Java service's heap grows until it fails with OutOfMemoryError after a few days. How do you diagnose it?",
        {
            "GC logs and heap metrics trend": "gc log|heap usage|old gen|after gc|trend|metric",
            "heap dump on OOM": "heap dump|heapdumponoutofmemoryerror|jmap|jcmd",
            "analyse dominators and retained size": "mat|eclipse memory analyzer|dominator|retained|visualvm",
            "common causes": "static|cache|listener|threadlocal|unbounded|classloader",
            "fix and verify": "fix|bounded|evict|weak reference|verify|load test",
        },
        "First I confirm it is a leak from the GC logs and heap metrics: if the old gen usage after GC keeps a "
        "rising trend, objects are retained. I enable -XX:+HeapDumpOnOutOfMemoryError, or take a heap dump "
        "with jcmd or jmap while the heap is large, and analyse it in Eclipse Memory Analyzer, MAT, or "
        "VisualVM: the dominator tree shows which objects have the largest retained size and the path to the "
        "GC root that keeps them alive. Common causes are an unbounded cache or static collection, listeners "
        "registered and never removed, ThreadLocal values on pooled threads, and classloader leaks on "
        "redeploys. The fix makes the structure bounded, with eviction or weak references, and I verify it "
        "with a long load test.",
    ),
    # -- JavaScript / TypeScript ----------------------------------------------------------------
    q(
        "lang_javascript",
        "easy",
        "What is the difference between let, const and var in JavaScript?",
        {
            "var is function-scoped": "function-scoped|function scope|function scoped",
            "let and const are block-scoped": "block-scoped|block scope|block scoped",
            "const cannot be reassigned, but objects stay mutable": "reassign|mutable|mutate",
            "hoisting and the temporal dead zone": "hoist|temporal dead zone|tdz",
        },
        "var is function-scoped and hoisted: its declaration moves to the top of the function and it is "
        "undefined before the assignment, which causes bugs, for example in loops with closures. let and "
        "const are block-scoped, visible only inside the enclosing braces, and accessing them before the "
        "declaration throws, the temporal dead zone. const means the binding cannot be reassigned, but an "
        "object or array it points to stays mutable, so you can still mutate its properties. I use const by "
        "default, let when I need to reassign, and never var.",
    ),
    q(
        "lang_javascript",
        "easy",
        "What is a Promise, and how does async/await relate to it?",
        {
            "represents a future value": "future|eventual|available later|pending",
            "states: pending, fulfilled, rejected": "fulfilled|rejected|resolve|reject",
            "then and catch chaining": ".then|then for|catch|chain",
            "async/await is syntax over promises with try/catch": "await|try|syntactic sugar|syntax",
        },
        "A Promise represents a value that will be available later, the eventual result of an asynchronous "
        "operation. It is pending at first and then settles once: fulfilled with a value or rejected with an "
        "error. You attach callbacks with then for the value and catch for the error, and chain them. An "
        "async function always returns a promise, and inside it await pauses until a promise settles and "
        "gives its value, so async/await is syntactic sugar over promises that reads like synchronous code; "
        "errors are handled with try and catch. Promise.all runs several in parallel.",
    ),
    q(
        "lang_javascript",
        "medium",
        "Explain the Node.js event loop. What happens when a request handler does heavy synchronous work?",
        {
            "single thread runs JavaScript": "single thread|single-threaded|one thread",
            "non-blocking I/O via libuv": "libuv|non-blocking|os|thread pool",
            "phases, microtasks and macrotasks": "phase|microtask|macrotask|timers|promise|nexttick",
            "synchronous work blocks all requests": "block|every request|all requests|stall|freez",
            "fixes: worker threads or offloading": "worker thread|worker_threads|offload|child process|queue|chunk",
        },
        "Node runs JavaScript on a single thread with an event loop. I/O is non-blocking: libuv hands it to "
        "the OS or a small thread pool and queues a callback when it completes. The loop runs in phases, "
        "timers, I/O callbacks, setImmediate, and between callbacks drains the microtask queue, promise "
        "callbacks and process.nextTick, before the next macrotask. If a handler does heavy synchronous work, "
        "like parsing a huge JSON or hashing in a loop, it blocks the loop, so all requests stall, even "
        "health checks, and latency spikes. Fixes: move CPU work to worker_threads or a child process, "
        "offload it to a queue and a separate service, or split it into chunks.",
    ),
    q(
        "lang_javascript",
        "medium",
        "How does TypeScript's type system help a backend codebase, and where does it stop protecting you?",
        {
            "compile-time checking and refactoring": "compile|refactor|catch errors|editor|autocomplete",
            "structural typing": "structural|shape|duck",
            "types are erased at runtime": "erased|runtime|no runtime|compile away",
            "validate external input, e.g. with zod": "zod|validat|io-ts|schema|parse",
            "escape hatches: any and casts": "any|as |cast|unknown",
        },
        "TypeScript checks types at compile time, so many errors, like a missing field or a wrong argument, "
        "are caught before running, and editors give autocomplete and safe refactoring across a large "
        "codebase. Its typing is structural: an object fits a type if it has the right shape. But types are "
        "erased at runtime, so they do not protect you from data you did not create: a request body or an "
        "API response typed as User is only a promise. External input must be validated at runtime with a "
        "schema library like zod, which can also infer the type. And escape hatches like any and as casts "
        "silently switch checking off, so I prefer unknown and narrow it.",
    ),
    q(
        "lang_javascript",
        "hard",
        "How would you handle back-pressure when a Node.js service streams a large file from a slow client to object storage?",
        {
            "streams and buffering in memory": "stream|buffer|memory|highwatermark",
            "write returns false and the drain event": "drain|write() returns false|returns false",
            "pipe or pipeline handles back-pressure": "pipeline|pipe",
            "error handling and cleanup": "error|destroy|abort|cleanup|clean up",
            "limits and timeouts": "limit|timeout|max size|content-length",
        },
        "Back-pressure means slowing the producer when the consumer cannot keep up; without it, Node buffers "
        "the data in memory and a few large uploads can exhaust the heap. With streams, writable.write() "
        "returns false when its internal buffer passes the highWaterMark, and the producer must pause until "
        "the drain event. The simplest correct way is stream.pipeline, or pipe, which wires the request "
        "readable stream to the upload stream and handles back-pressure automatically. pipeline also "
        "propagates an error and will destroy all streams for cleanup, for example aborting the multipart "
        "upload when the client disconnects. I would also enforce a max size, check Content-Length, and set "
        "timeouts so a slow client cannot hold resources forever.",
    ),
    q(
        "lang_javascript",
        "hard",
        "What causes memory leaks in a long-running Node.js service, and how do you find them?",
        {
            "common causes: globals, caches, closures, listeners": "global|cache|closure|listener|event emitter|timer|setinterval",
            "heap snapshots comparison": "heap snapshot|snapshot|comparison|devtools|--inspect",
            "retainers in the snapshot": "retainer|retained|dominator|reference",
            "monitoring heap usage over time": "heapused|heap used|memory usage|rss|metric|trend",
            "production-safe tools": "clinic|heapdump|v8.writeheapsnapshot|writeheapsnapshot|production",
        },
        "Typical causes are objects kept reachable by accident: a global or module-level map used as an "
        "unbounded cache, closures capturing large objects, event listeners added per request on a "
        "long-lived event emitter and never removed, and timers from setInterval never cleared. I monitor "
        "heapUsed and RSS as metrics and look for a rising trend across garbage collections. To find the "
        "cause, I take heap snapshots a few minutes apart, with --inspect and Chrome DevTools or "
        "v8.writeHeapSnapshot in production, and use the comparison view to see which object types grow. The "
        "retainers panel shows the reference chain that keeps them alive. Tools like clinic heapprofiler "
        "help too.",
    ),
)
