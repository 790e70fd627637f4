using System.Reflection;
using System.Text.Json.Serialization;

namespace Mpo.Judging.Llm;

/// <summary>The JSON name of an options property, so a validation error names the field as the user wrote it.</summary>
internal static class JsonFieldNames
{
    /// <summary>The <see cref="JsonPropertyNameAttribute"/> name of <typeparamref name="T"/>'s <paramref name="member"/>, else the member name.</summary>
    public static string Of<T>(string member) =>
        typeof(T).GetProperty(member)?.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? member;
}
