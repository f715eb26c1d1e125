using System.Globalization;
using System.Text;
using DiffPlex;
using DiffPlex.Chunkers;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;

namespace NginxIngress.Nginx.Tests.Snapshots;

/// <summary>
/// Formats the difference between two texts as a unified diff (<c>---</c>, <c>+++</c>, <c>@@</c> hunks with
/// three lines of context), the form a reviewer can read in a CI log without a desktop diff tool.
/// </summary>
public static class UnifiedDiff
{
    private const int ContextLines = 3;

    /// <summary>A changed 1 MiB config would otherwise flood the test log; the received file holds the rest.</summary>
    public const int MaxBodyLines = 400;

    public static string Format(string oldText, string newText, string oldLabel, string newLabel)
    {
        var lines = Lines(oldText, newText);
        var output = new StringBuilder();
        output.Append("--- ").Append(oldLabel).Append('\n');
        output.Append("+++ ").Append(newLabel).Append('\n');
        if (!lines.Any(line => line.Kind != ' '))
        {
            // The line diff ignores how lines end; say so rather than print an empty diff.
            output.Append(oldText == newText ? "(no differences)\n" : "(the texts differ only in line endings or a final newline)\n");
            return output.ToString();
        }

        var written = 0;
        foreach (var (start, end) in Hunks(lines))
        {
            var first = lines[start];
            var oldCount = lines[start..end].Count(line => line.Kind != '+');
            var newCount = lines[start..end].Count(line => line.Kind != '-');
            output.Append(CultureInfo.InvariantCulture,
                $"@@ -{HunkStart(first.OldNumber, oldCount)},{oldCount} +{HunkStart(first.NewNumber, newCount)},{newCount} @@\n");
            for (var i = start; i < end; i++)
            {
                if (written == MaxBodyLines)
                {
                    output.Append(CultureInfo.InvariantCulture, $"... diff cut after {MaxBodyLines} lines; see the received file\n");
                    return output.ToString();
                }
                output.Append(lines[i].Kind).Append(lines[i].Text).Append('\n');
                written++;
            }
        }
        return output.ToString();
    }

    /// <summary>A unified diff numbers an empty side of a hunk by the line before it, so 0 when at the start.</summary>
    private static int HunkStart(int number, int count) => count == 0 ? number - 1 : number;

    private static List<DiffLine> Lines(string oldText, string newText)
    {
        // Whitespace is significant: indentation and trailing blanks are part of an approved snapshot.
        var model = new InlineDiffBuilder(new Differ()).BuildDiffModel(
            Normalize(oldText), Normalize(newText), ignoreWhitespace: false, ignoreCase: false, new LineChunker());
        var result = new List<DiffLine>(model.Lines.Count);
        int oldNumber = 1, newNumber = 1;
        foreach (var piece in model.Lines)
        {
            var kind = piece.Type switch
            {
                ChangeType.Deleted => '-',
                ChangeType.Inserted => '+',
                _ => ' ',
            };
            result.Add(new DiffLine(kind, piece.Text ?? "", oldNumber, newNumber));
            oldNumber += kind == '+' ? 0 : 1;
            newNumber += kind == '-' ? 0 : 1;
        }
        return result;
    }

    /// <summary>Drops the empty "line" after a final newline so it does not show up as context.</summary>
    private static string Normalize(string text)
    {
        var lf = text.ReplaceLineEndings("\n");
        return lf.EndsWith('\n') ? lf[..^1] : lf;
    }

    /// <summary>Ranges of <paramref name="lines"/> to print: each change with its context, overlapping ranges merged.</summary>
    private static IEnumerable<(int Start, int End)> Hunks(List<DiffLine> lines)
    {
        (int Start, int End)? current = null;
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Kind == ' ')
            {
                continue;
            }
            var start = Math.Max(0, i - ContextLines);
            var end = Math.Min(lines.Count, i + ContextLines + 1);
            if (current is { } open && start <= open.End)
            {
                current = (open.Start, end);
            }
            else
            {
                if (current is { } done)
                {
                    yield return done;
                }
                current = (start, end);
            }
        }
        if (current is { } last)
        {
            yield return last;
        }
    }

    private sealed record DiffLine(char Kind, string Text, int OldNumber, int NewNumber);
}
