namespace Mpo.Judging.Metrics.Rouge;

/// <summary>
/// The Porter stemmer as NLTK implements it in its default <c>NLTK_EXTENSIONS</c> mode, which is what Google's
/// <c>rouge-score</c> calls: Porter (1980) plus NLTK's irregular forms, the <c>ies</c>/<c>ied</c> length rule,
/// the <c>y</c>→<c>i</c> consonant rule, <c>alli</c> recursion, <c>bli</c>/<c>fulli</c>/<c>logi</c>, and the two-letter
/// cvc case. Input is expected in lower case. Why reimplement: ROUGE values depend on every stemming decision.
/// </summary>
public static class PorterStemmer
{
    private static readonly Dictionary<string, string> Irregular = new(StringComparer.Ordinal)
    {
        ["sky"] = "sky", ["skies"] = "sky", ["dying"] = "die", ["lying"] = "lie", ["tying"] = "tie",
        ["news"] = "news", ["innings"] = "inning", ["inning"] = "inning", ["outings"] = "outing",
        ["outing"] = "outing", ["cannings"] = "canning", ["canning"] = "canning", ["howe"] = "howe",
        ["proceed"] = "proceed", ["exceed"] = "exceed", ["succeed"] = "succeed",
    };

    private delegate bool Condition(string stem);

    /// <summary>Stems one lower-case word.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (Irregular.TryGetValue(word, out var irregular))
        {
            return irregular;
        }

        if (word.Length <= 2)
        {
            return word;
        }

        var stem = Step1A(word);
        stem = Step1B(stem);
        stem = Step1C(stem);
        stem = Step2(stem);
        stem = Step3(stem);
        stem = Step4(stem);
        stem = Step5A(stem);
        return Step5B(stem);
    }

    private static bool IsConsonant(string word, int i)
    {
        char c = word[i];
        if (c is 'a' or 'e' or 'i' or 'o' or 'u')
        {
            return false;
        }

        return c != 'y' || i == 0 || !IsConsonant(word, i - 1);
    }

    /// <summary>m: the number of vowel→consonant transitions ("vc" pairs) in the stem.</summary>
    private static int Measure(string stem)
    {
        int m = 0;
        for (int i = 1; i < stem.Length; i++)
        {
            if (!IsConsonant(stem, i - 1) && IsConsonant(stem, i))
            {
                m++;
            }
        }

        return m;
    }

    private static bool HasPositiveMeasure(string stem) => Measure(stem) > 0;

    private static bool ContainsVowel(string stem)
    {
        for (int i = 0; i < stem.Length; i++)
        {
            if (!IsConsonant(stem, i))
            {
                return true;
            }
        }

        return false;
    }

    private static bool EndsDoubleConsonant(string word) =>
        word.Length >= 2 && word[^1] == word[^2] && IsConsonant(word, word.Length - 1);

    /// <summary>*o: ends consonant-vowel-consonant, last not w/x/y; or (NLTK) a two-letter vowel-consonant word.</summary>
    private static bool EndsCvc(string word) =>
        (word.Length >= 3
            && IsConsonant(word, word.Length - 3)
            && !IsConsonant(word, word.Length - 2)
            && IsConsonant(word, word.Length - 1)
            && word[^1] is not ('w' or 'x' or 'y'))
        || (word.Length == 2 && !IsConsonant(word, 0) && IsConsonant(word, 1));

    /// <summary>
    /// NLTK's <c>_apply_rule_list</c>: the first rule whose suffix matches decides; if its condition fails the word
    /// is returned unchanged (later rules are not tried). Suffix <c>*d</c> means "ends in a double consonant".
    /// </summary>
    private static string ApplyRules(string word, (string Suffix, string Replacement, Condition? Condition)[] rules)
    {
        foreach (var (suffix, replacement, condition) in rules)
        {
            if (suffix == "*d" && EndsDoubleConsonant(word))
            {
                var doubled = word[..^2];
                return condition is null || condition(doubled) ? doubled + replacement : word;
            }

            if (word.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stem = word[..^suffix.Length];
                return condition is null || condition(stem) ? stem + replacement : word;
            }
        }

        return word;
    }

    private static string Step1A(string word)
    {
        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length == 4)
        {
            return word[..^3] + "ie";
        }

        return ApplyRules(word, [("sses", "ss", null), ("ies", "i", null), ("ss", "ss", null), ("s", "", null)]);
    }

    private static string Step1B(string word)
    {
        if (word.EndsWith("ied", StringComparison.Ordinal))
        {
            return word[..^3] + (word.Length == 4 ? "ie" : "i");
        }

        if (word.EndsWith("eed", StringComparison.Ordinal))
        {
            var eedStem = word[..^3];
            return Measure(eedStem) > 0 ? eedStem + "ee" : word;
        }

        string? intermediate = null;
        foreach (var suffix in new[] { "ed", "ing" })
        {
            if (word.EndsWith(suffix, StringComparison.Ordinal) && ContainsVowel(word[..^suffix.Length]))
            {
                intermediate = word[..^suffix.Length];
                break;
            }
        }

        if (intermediate is null)
        {
            return word;
        }

        char last = intermediate[^1];
        return ApplyRules(intermediate,
        [
            ("at", "ate", null),
            ("bl", "ble", null),
            ("iz", "ize", null),
            ("*d", last.ToString(), _ => last is not ('l' or 's' or 'z')),
            ("", "e", stem => Measure(stem) == 1 && EndsCvc(stem)),
        ]);
    }

    private static string Step1C(string word) =>
        ApplyRules(word, [("y", "i", stem => stem.Length > 1 && IsConsonant(stem, stem.Length - 1))]);

    private static string Step2(string word)
    {
        if (word.EndsWith("alli", StringComparison.Ordinal) && HasPositiveMeasure(word[..^4]))
        {
            return Step2(word[..^4] + "al");
        }

        Condition positive = HasPositiveMeasure;
        return ApplyRules(word,
        [
            ("ational", "ate", positive), ("tional", "tion", positive), ("enci", "ence", positive),
            ("anci", "ance", positive), ("izer", "ize", positive), ("bli", "ble", positive),
            ("alli", "al", positive), ("entli", "ent", positive), ("eli", "e", positive),
            ("ousli", "ous", positive), ("ization", "ize", positive), ("ation", "ate", positive),
            ("ator", "ate", positive), ("alism", "al", positive), ("iveness", "ive", positive),
            ("fulness", "ful", positive), ("ousness", "ous", positive), ("aliti", "al", positive),
            ("iviti", "ive", positive), ("biliti", "ble", positive), ("fulli", "ful", positive),
            ("logi", "log", _ => HasPositiveMeasure(word[..^3])),
        ]);
    }

    private static string Step3(string word)
    {
        Condition positive = HasPositiveMeasure;
        return ApplyRules(word,
        [
            ("icate", "ic", positive), ("ative", "", positive), ("alize", "al", positive), ("iciti", "ic", positive),
            ("ical", "ic", positive), ("ful", "", positive), ("ness", "", positive),
        ]);
    }

    private static string Step4(string word)
    {
        Condition greaterThanOne = stem => Measure(stem) > 1;
        return ApplyRules(word,
        [
            ("al", "", greaterThanOne), ("ance", "", greaterThanOne), ("ence", "", greaterThanOne),
            ("er", "", greaterThanOne), ("ic", "", greaterThanOne), ("able", "", greaterThanOne),
            ("ible", "", greaterThanOne), ("ant", "", greaterThanOne), ("ement", "", greaterThanOne),
            ("ment", "", greaterThanOne), ("ent", "", greaterThanOne),
            ("ion", "", stem => Measure(stem) > 1 && stem[^1] is ('s' or 't')),
            ("ou", "", greaterThanOne), ("ism", "", greaterThanOne), ("ate", "", greaterThanOne),
            ("iti", "", greaterThanOne), ("ous", "", greaterThanOne), ("ive", "", greaterThanOne),
            ("ize", "", greaterThanOne),
        ]);
    }

    private static string Step5A(string word)
    {
        if (!word.EndsWith('e'))
        {
            return word;
        }

        var stem = word[..^1];
        int m = Measure(stem);
        return m > 1 || (m == 1 && !EndsCvc(stem)) ? stem : word;
    }

    private static string Step5B(string word) =>
        ApplyRules(word, [("ll", "l", _ => Measure(word[..^1]) > 1)]);
}
