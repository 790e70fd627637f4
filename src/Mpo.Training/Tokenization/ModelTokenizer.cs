using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace Mpo.Training.Tokenization;

/// <summary>
/// A model folder's tokenizer: added tokens are matched whole first (so chat markers such as <c>&lt;|im_start|&gt;</c>
/// become their ids), the rest is NFC-normalised when declared, split by the pre-tokenizer regex and encoded by
/// Microsoft.ML.Tokenizers' byte-level <see cref="BpeTokenizer"/>.
/// </summary>
public sealed class ModelTokenizer
{
    private readonly BpeTokenizer _bpe;
    private readonly TokenizerDefinition _definition;
    private readonly Regex _split;
    private readonly Regex? _addedTokens;
    private readonly Dictionary<string, AddedToken> _addedByText;
    private readonly Dictionary<int, AddedToken> _addedById;

    /// <summary>Creates the tokenizer from a parsed tokenizer.json and its special tokens.</summary>
    public ModelTokenizer(TokenizerDefinition definition, Func<ModelTokenizer, SpecialTokens>? specials = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        _definition = definition;
        _split = new Regex(definition.SplitPattern, RegexOptions.Compiled);
        _addedByText = definition.AddedTokens.GroupBy(a => a.Content).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        _addedById = definition.AddedTokens.GroupBy(a => a.Id).ToDictionary(g => g.Key, g => g.First());
        _addedTokens = _addedByText.Count == 0
            ? null
            : new Regex(string.Join('|', _addedByText.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape)), RegexOptions.Compiled);
        _bpe = BpeTokenizer.Create(new BpeOptions(definition.Vocabulary)
        {
            Merges = definition.Merges,
            PreTokenizer = new RegexPreTokenizer(_split, null),
            ByteLevel = true,
        });
        Specials = specials?.Invoke(this) ?? new SpecialTokens(null, null, null, [], 0, null, false, null);
    }

    /// <summary>The control tokens and chat template of the folder.</summary>
    public SpecialTokens Specials { get; }

    /// <summary>Number of distinct ids (vocabulary plus added tokens).</summary>
    public int Count => _definition.Vocabulary.Values.Concat(_addedById.Keys).Distinct().Count();

    /// <summary>Loads tokenizer.json, tokenizer_config.json and generation_config.json from <paramref name="modelDirectory"/>.</summary>
    public static ModelTokenizer Load(string modelDirectory)
    {
        var path = Path.Combine(modelDirectory, TokenizerJsonReader.FileName);
        var definition = TokenizerJsonReader.Read(path);
        var postProcessorAddsBos = PostProcessorAddsBos(path);
        return new ModelTokenizer(definition, t => SpecialTokensReader.Read(modelDirectory, t.TokenToId, postProcessorAddsBos));
    }

    /// <summary>The id of a token's text (added token or vocabulary entry), or <c>null</c>.</summary>
    public int? TokenToId(string token) =>
        _addedByText.TryGetValue(token, out var a) ? a.Id
        : _definition.Vocabulary.TryGetValue(token, out var id) ? id
        : null;

    /// <summary>Encodes <paramref name="text"/>; with <paramref name="addBos"/> and a BOS token that the folder adds, starts with it.</summary>
    public int[] Encode(string text, bool addBos = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var ids = new List<int>();
        if (addBos && Specials.AddBosToken && Specials.BosTokenId is { } bos)
        {
            ids.Add(bos);
        }

        var start = 0;
        if (_addedTokens is not null)
        {
            foreach (Match m in _addedTokens.Matches(text))
            {
                EncodeOrdinary(text[start..m.Index], ids);
                ids.Add(_addedByText[m.Value].Id);
                start = m.Index + m.Length;
            }
        }

        EncodeOrdinary(text[start..], ids);
        return [.. ids];
    }

    /// <summary>Decodes <paramref name="ids"/>; special added tokens are left out when <paramref name="skipSpecialTokens"/>.</summary>
    public string Decode(IEnumerable<int> ids, bool skipSpecialTokens = true)
    {
        ArgumentNullException.ThrowIfNull(ids);
        var text = new System.Text.StringBuilder();
        var run = new List<int>();
        foreach (var id in ids)
        {
            if (_addedById.TryGetValue(id, out var added) && !_definition.Vocabulary.ContainsKey(added.Content))
            {
                Flush();
                if (!(skipSpecialTokens && added.Special))
                {
                    text.Append(added.Content);
                }
            }
            else if (!(skipSpecialTokens && _addedById.TryGetValue(id, out var a) && a.Special))
            {
                run.Add(id);
            }
        }

        Flush();
        return text.ToString();

        void Flush()
        {
            if (run.Count > 0)
            {
                text.Append(_bpe.Decode(run));
                run.Clear();
            }
        }
    }

    private void EncodeOrdinary(string segment, List<int> ids)
    {
        if (segment.Length == 0)
        {
            return;
        }

        if (_definition.Nfc)
        {
            segment = segment.Normalize(System.Text.NormalizationForm.FormC);
        }

        foreach (Match piece in _split.Matches(segment))
        {
            // Llama 3's ignore_merges: a piece that is itself a vocabulary entry is that one token.
            if (_definition.IgnoreMerges && _definition.Vocabulary.TryGetValue(ByteLevelAlphabet.Encode(piece.Value), out var whole))
            {
                ids.Add(whole);
                continue;
            }

            ids.AddRange(_bpe.EncodeToIds(piece.Value));
        }
    }

    private static bool PostProcessorAddsBos(string tokenizerJson)
    {
        using var doc = JsonDocument.Parse(File.ReadAllBytes(tokenizerJson));
        if (!doc.RootElement.TryGetProperty("post_processor", out var pp) || pp.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        var processors = pp.GetProperty("type").GetString() == "Sequence" ? pp.GetProperty("processors").EnumerateArray().ToList() : [pp];
        return processors.Any(p => p.GetProperty("type").GetString() == "TemplateProcessing"
            && p.GetProperty("single").EnumerateArray().FirstOrDefault() is { ValueKind: JsonValueKind.Object } first
            && first.TryGetProperty("SpecialToken", out _));
    }
}
