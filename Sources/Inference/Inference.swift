/// Inference: GGUF models, quantized kernels, tokenizer, model architectures,
/// KV cache and sampling. Knows nothing about screenplays.
public enum InferenceModule {}
