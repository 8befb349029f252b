namespace FramingClassifier.Training;

/// <summary>
/// Why a text cannot be trained on or scored: the one check that training and prediction share, so a
/// row <c>predict</c> skips is one <c>train</c> rejects, with the same words.
/// </summary>
/// <param name="Kind">"invalid UTF-8" or "control character": the reason counted in summaries.</param>
/// <param name="Index">The offending character's index in the text.</param>
/// <param name="Detail">What follows the location in a message.</param>
public readonly record struct TextCheck(string Kind, int Index, string Detail)
{
    /// <summary>The first problem in <paramref name="text"/>, or null when it has none.</summary>
    /// <remarks>
    /// U+FFFD is what a decoder puts in place of invalid UTF-8, so it stands for it. Control characters
    /// other than tab, line and page breaks (a NUL byte, an escape sequence) are not text.
    /// </remarks>
    public static TextCheck? Find(string text)
    {
        int bad = text.IndexOf('\uFFFD');
        int control = text.AsSpan(0, bad < 0 ? text.Length : bad).IndexOfAnyInRange('\0', '\u001F');
        while (control >= 0 && text[control] is '\t' or '\n' or '\v' or '\f' or '\r')
        {
            int after = text.AsSpan(control + 1, (bad < 0 ? text.Length : bad) - control - 1).IndexOfAnyInRange('\0', '\u001F');
            control = after < 0 ? -1 : control + 1 + after;
        }
        if (control >= 0) return new TextCheck("control character", control, $" (U+{(int)text[control]:X4})");
        return bad >= 0 ? new TextCheck("invalid UTF-8", bad, " (or a U+FFFD replacement character)") : null;
    }

    /// <summary>The message: what, where in <paramref name="field"/> (when the text is a field of a table), and the detail.</summary>
    public string Message(string? field) =>
        Kind + (field is null ? "" : $" in '{field}' at character {Index + 1}") + Detail + ".";
}
