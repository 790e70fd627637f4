namespace Mpo.Training.SafeTensors;

/// <summary>One tensor described in a safetensors header.</summary>
/// <param name="Name">The tensor's key.</param>
/// <param name="Dtype">The file's dtype code (F32, BF16, F16, …).</param>
/// <param name="Shape">The shape.</param>
/// <param name="Begin">Offset of the first byte, relative to the end of the header.</param>
/// <param name="End">Offset one past the last byte, relative to the end of the header.</param>
public sealed record SafeTensorsEntry(string Name, string Dtype, long[] Shape, long Begin, long End);
