"""Reading the installed `openai` SDK: its public methods and their routes, its types, minimal valid arguments for
any method, values valid under its response models, calling a method by name, and loading it into a long-lived
process. Nothing here knows the mock."""
