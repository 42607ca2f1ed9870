"""Reading the installed `openai` SDK: its public methods and their routes, its types, minimal valid arguments for
any method, values valid under its response models, and calling a method by name. Nothing here knows the mock."""
