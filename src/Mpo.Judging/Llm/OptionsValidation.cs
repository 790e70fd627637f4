using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json.Serialization;
using Mpo.Core;

namespace Mpo.Judging.Llm;

/// <summary>Validation of judge options, with errors that name the field as the user wrote it (its JSON name).</summary>
internal static class OptionsValidation
{
    /// <summary>The <see cref="JsonPropertyNameAttribute"/> name of <typeparamref name="T"/>'s <paramref name="member"/>, else the member name.</summary>
    public static string FieldName<T>(string member) =>
        typeof(T).GetProperty(member)?.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? member;

    /// <summary>Checks the DataAnnotations of <paramref name="options"/>; throws <see cref="MpoInputException"/> naming <paramref name="source"/> and the first bad field.</summary>
    public static void Annotations<T>(T options, string source)
        where T : notnull
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            var first = results[0];
            var fields = string.Join(", ", first.MemberNames.Select(FieldName<T>));
            throw new MpoInputException($"{source}: field '{fields}': {first.ErrorMessage}");
        }
    }
}
