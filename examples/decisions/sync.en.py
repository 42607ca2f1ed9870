from openai import OpenAI

client = OpenAI()

decision = client.decisions.create(
    model="gpt-6-luna",
    input="The left earbud is silent, support hasn't replied in three days: I want to return it for a refund.",
    questions=[
        {"type": "predicate", "name": "complaint", "instructions": "Is this message a complaint?"},
        {"type": "predicate", "name": "wants_refund", "instructions": "Does the user explicitly ask for a refund?"},
    ],
)

for answer in decision.answers:
    print(answer.name, round(answer.probability, 2) if answer.type == "predicate" else answer.type)
