"""Developer commands: accuracy against the gold (evaluate) and throughput (bench)."""
