/// Fountain: parse, model, serialize and export screenplays written in
/// Fountain 1.1. Pure Swift, no dependencies, nothing about editors or models.
public enum FountainModule {}
