using Mpo.Core;
using Mpo.Training.Model;
using static TorchSharp.torch;

namespace Mpo.Training.Lora;

/// <summary>Attaches LoRA adapters to a model's projections, merges them back, and names them as PEFT does.</summary>
public static class LoraInjector
{
    /// <summary>Prefix of every PEFT adapter tensor name.</summary>
    public const string PeftPrefix = "base_model.model.";

    /// <summary>
    /// Freezes every base parameter and attaches a fresh adapter to each projection whose last path segment is in
    /// <c>target_modules</c>, in <see cref="CausalLanguageModel.Projections"/> order (so the init is reproducible).
    /// </summary>
    /// <returns>The adapted projection paths with their adapters.</returns>
    /// <exception cref="MpoInputException">No projection matches, or bias is not "none".</exception>
    public static IReadOnlyList<(string Path, LoraAdapter Adapter)> Attach(CausalLanguageModel model, LoraOptions options, Generator generator)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Bias != "none")
        {
            throw new MpoInputException($"lora: field 'bias' must be \"none\", got \"{options.Bias}\".");
        }

        foreach (var p in model.parameters())
        {
            p.requires_grad = false;
        }

        var attached = new List<(string, LoraAdapter)>();
        foreach (var (path, projection) in model.Projections())
        {
            if (options.TargetModules.Contains(path[(path.LastIndexOf('.') + 1)..]))
            {
                var adapter = new LoraAdapter(projection.InFeatures, projection.OutFeatures, options, generator);
                projection.AttachAdapter(adapter);
                attached.Add((path, adapter));
            }
        }

        if (attached.Count == 0)
        {
            throw new MpoInputException(
                $"lora: field 'target_modules' [{string.Join(", ", options.TargetModules)}] matches no projection of this model.");
        }

        return attached;
    }

    /// <summary>The attached adapters by projection path.</summary>
    public static IEnumerable<(string Path, LoraAdapter Adapter)> Adapters(CausalLanguageModel model) =>
        model.Projections().Where(p => p.Projection.Adapter is LoraAdapter).Select(p => (p.Path, (LoraAdapter)p.Projection.Adapter!));

    /// <summary>Folds each adapter into its base weight (<c>W += (alpha/r)·B·A</c>) and detaches it, for export.</summary>
    /// <exception cref="InvalidOperationException">An adapted weight is shared with another parameter (tied lm_head).</exception>
    public static void Merge(CausalLanguageModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var _ = no_grad();
        foreach (var (path, projection) in model.Projections().ToList())
        {
            if (projection.Adapter is not LoraAdapter adapter)
            {
                continue;
            }

            // A tied head (Projection.IsTied) computes with the embedding matrix without registering it, so the
            // parameter scan below cannot see the sharing: adding the delta would silently change the embeddings.
            if (projection.IsTied)
            {
                throw new InvalidOperationException(
                    $"{path}.weight is tied to the token embedding (tie_word_embeddings); merging its adapter would change the embeddings too. "
                    + "Leave lm_head out of the LoRA target modules for tied models, or export the adapter instead of merging.");
            }

            var weight = projection.weight;
            if (model.named_parameters().Count(p => ReferenceEquals(p.parameter, weight) || p.parameter.Handle == weight.Handle) > 1)
            {
                throw new InvalidOperationException($"{path}.weight is tied to another parameter; untie it before merging its adapter.");
            }

            using var delta = adapter.DeltaWeight();
            projection.weight.add_(delta.to_type(projection.weight.dtype));
            projection.DetachAdapter();
        }
    }

    /// <summary>Adapter tensors with PEFT names: <c>base_model.model.&lt;path&gt;.lora_A.weight</c> (r, in) and <c>.lora_B.weight</c> (out, r).</summary>
    public static Dictionary<string, Tensor> PeftTensors(CausalLanguageModel model) =>
        Adapters(model).SelectMany(a => new[]
        {
            KeyValuePair.Create($"{PeftPrefix}{a.Path}.lora_A.weight", (Tensor)a.Adapter.A),
            KeyValuePair.Create($"{PeftPrefix}{a.Path}.lora_B.weight", (Tensor)a.Adapter.B),
        }).ToDictionary(StringComparer.Ordinal);

    /// <summary>Copies PEFT-named tensors into the attached adapters; every adapter must be present with its shape.</summary>
    /// <exception cref="MpoInputException">A tensor is missing, extra, or of the wrong shape (named in the message).</exception>
    public static void LoadPeftTensors(CausalLanguageModel model, IReadOnlyDictionary<string, Tensor> tensors, string source)
    {
        ArgumentNullException.ThrowIfNull(tensors);
        var expected = PeftTensors(model);
        foreach (var name in tensors.Keys.Where(k => !expected.ContainsKey(k)).Order(StringComparer.Ordinal).Take(1))
        {
            throw new MpoInputException($"{source}: tensor '{name}' matches no adapter of this model.");
        }

        using var _ = no_grad();
        foreach (var (name, target) in expected.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            if (!tensors.TryGetValue(name, out var source1))
            {
                throw new MpoInputException($"{source}: adapter tensor '{name}' is missing.");
            }

            if (!source1.shape.SequenceEqual(target.shape))
            {
                throw new MpoInputException($"{source}: tensor '{name}' has shape [{string.Join(", ", source1.shape)}], expected [{string.Join(", ", target.shape)}].");
            }

            target.copy_(source1);
        }
    }
}
