"""Running examples for a build: the executor, its worker processes, the jobs between them, the results cache."""
