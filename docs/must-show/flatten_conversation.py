"""Print a conversation as the reference web client lays it out (feedback in the NEXT question)."""

import json
import sys

c = json.load(sys.stdin)["conversation"]
for tid in sorted(c["topics"], key=int):
    for qn, q in sorted(c["topics"][tid]["questions"].items(), key=lambda kv: int(kv[0])):
        print(f"topic {tid} question {qn}: prompt: {q['prompt'][:90]}")
        for m in q["messages"]:
            if m["author"] == "system":
                continue
            text = m["content"]
            if text.startswith("{"):
                d = json.loads(text)
                text = (
                    f"JSON score={d['score']} feedback={d['feedback'][:70]}… "
                    f"next_question={d['next_question'][:40]}…"
                )
            print(f"    {m['author']}: {text[:160]}")
print("current_topic", c["current_topic"], "current_question_number", c["current_question_number"])
