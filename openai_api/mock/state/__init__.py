"""Each API key's objects: the store and the tenants that hold one store per key."""
