using Mpo.Core;
using static TorchSharp.torch;

namespace Mpo.Training.SafeTensors;

/// <summary>The mapping between safetensors dtype codes and TorchSharp scalar types.</summary>
public static class SafeTensorsDtypes
{
    /// <summary>The scalar type of a file dtype code; <paramref name="source"/> names the file in errors.</summary>
    public static ScalarType ToScalarType(string code, string source) => code switch
    {
        "F32" => ScalarType.Float32,
        "BF16" => ScalarType.BFloat16,
        "F16" => ScalarType.Float16,
        "F64" => ScalarType.Float64,
        "I64" => ScalarType.Int64,
        "I32" => ScalarType.Int32,
        "U8" => ScalarType.Byte,
        "BOOL" => ScalarType.Bool,
        _ => throw new MpoInputException($"{source}: dtype '{code}' is not supported (F32, BF16, F16, F64, I64, I32, U8, BOOL)."),
    };

    /// <summary>The file dtype code of a scalar type.</summary>
    public static string ToCode(ScalarType type) => type switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Float16 => "F16",
        ScalarType.Float64 => "F64",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.Byte => "U8",
        ScalarType.Bool => "BOOL",
        _ => throw new ArgumentException($"Scalar type {type} has no safetensors code here.", nameof(type)),
    };

    /// <summary>The scalar type of a Hugging Face <c>torch_dtype</c> name (float32, bfloat16, float16).</summary>
    public static ScalarType FromTorchDtype(string name) => name switch
    {
        "float32" => ScalarType.Float32,
        "bfloat16" => ScalarType.BFloat16,
        "float16" => ScalarType.Float16,
        _ => throw new ArgumentException($"torch_dtype '{name}' is not float32, bfloat16 or float16.", nameof(name)),
    };

    /// <summary>The Hugging Face <c>torch_dtype</c> name of a floating scalar type.</summary>
    public static string ToTorchDtype(ScalarType type) => type switch
    {
        ScalarType.Float32 => "float32",
        ScalarType.BFloat16 => "bfloat16",
        ScalarType.Float16 => "float16",
        _ => throw new ArgumentException($"Scalar type {type} is not a model dtype.", nameof(type)),
    };
}
