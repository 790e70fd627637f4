using System.ComponentModel.DataAnnotations;

using Mpo.Core;

namespace Mpo.Storage;

/// <summary>Where and how the artifact store keeps blobs. Bound from the <c>Storage</c> configuration section.</summary>
/// <remarks>
/// WARNING: changing <see cref="ContainerName"/> for a run in flight makes its checkpoints and rubrics invisible
/// to it (resume would start over); move the blobs first.
/// </remarks>
public sealed record ArtifactStoreOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string SectionName = "Storage";

    /// <summary>The blob container holding every artifact (3–63 lowercase letters, digits and single hyphens).</summary>
    /// <value>The default is <c>mpo</c>.</value>
    [Required(ErrorMessage = "is required")]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$",
        ErrorMessage = "must be 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit")]
    public string ContainerName { get; init; } = ArtifactStoreDefaults.ContainerName;

    /// <summary>
    /// Whether the store creates the container on first use. Turn it off for identities that may read and
    /// write blobs but not create containers; a missing container is then reported, never assumed empty.
    /// </summary>
    /// <value>The default is <c>true</c>.</value>
    public bool CreateContainerIfMissing { get; init; } = ArtifactStoreDefaults.CreateContainerIfMissing;

    /// <summary>How many blob transfers run at once (files of a set, blocks of one large file).</summary>
    /// <value>The default is 4.</value>
    [Range(1, 64, ErrorMessage = "must be between {1} and {2}")]
    public int MaxTransferConcurrency { get; init; } = ArtifactStoreDefaults.MaxTransferConcurrency;

    /// <summary>How many times the Azure SDK retries one failed HTTP request before the store reports the failure.</summary>
    /// <value>The default is 3.</value>
    [Range(0, 20, ErrorMessage = "must be between {1} and {2}")]
    public int MaxRetries { get; init; } = ArtifactStoreDefaults.MaxRetries;

    /// <summary>Timeout of one HTTP request.</summary>
    /// <value>The default is 100 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "must be between {1} and {2}")]
    public TimeSpan NetworkTimeout { get; init; } = ArtifactStoreDefaults.NetworkTimeout;

    /// <summary>Checks the data annotations.</summary>
    /// <exception cref="MpoInputException">An option is out of range; the message names it.</exception>
    public void Validate()
    {
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true))
        {
            throw new MpoInputException(
                $"Invalid {SectionName} options: " + string.Join("; ", results.Select(r =>
                    $"{SectionName}:{string.Join(",", r.MemberNames)} {r.ErrorMessage}")));
        }
    }
}
