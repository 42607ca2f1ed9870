from openai import OpenAI

client = OpenAI()
schema = {"type": "object", "properties": {"input": {"type": "string"}, "answer": {"type": "string"}}}
evaluation = client.evals.create(
    name="capital-quiz",
    data_source_config={"type": "custom", "item_schema": schema, "include_sample_schema": True},
    testing_criteria=[
        {
            "type": "string_check",
            "name": "exact answer",
            "operation": "eq",
            "input": "{{sample.output_text}}",
            "reference": "{{item.answer}}",
        }
    ],
)
page = client.evals.list(limit=3, order="desc", order_by="created_at")
print("newest evals:", [e.name for e in page.data])
print("deleted:", client.evals.delete(evaluation.id).deleted)
