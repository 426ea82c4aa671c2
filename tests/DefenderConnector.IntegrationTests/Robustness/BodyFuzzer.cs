using System.Text;
using DefenderConnector.IntegrationTests.Support;

namespace DefenderConnector.IntegrationTests.Robustness;

/// <summary>
/// Mutated real message bodies: the bundled Defender sample records packed into <c>{"records":[...]}</c>
/// envelopes, then damaged the ways real feeds and hostile inputs are (bytes flipped, cut or
/// inserted, invalid UTF-8, lone surrogate escapes, a byte order mark, a second records array).
/// Seeded: the same seed yields the same bodies. No body holds a raw line break, so one body is one
/// line of a replay file.
/// </summary>
internal sealed class BodyFuzzer
{
    private static readonly Lazy<string[]> Samples = new(() =>
        File.ReadAllLines(Path.Combine(RepoPaths.Root, "config", "samples", "defender-records.jsonl")).Where(l => l.Length > 0).ToArray());

    private static readonly byte[][] Invalid =
    [
        [0x80], [0xC3], [0xFF], [0xFE], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xE2, 0x82], [0xC0, 0xAF],
    ];

    private static readonly string[] Escapes = ["\\ud800", "\\udfff", "\\ud83d", "\\ud83dx", "\\udc00\\ud800", "\\u0000", "\\\\ud800", "\\ud800\\u0041"];

    private readonly Random _random;

    public BodyFuzzer(int seed) => _random = new Random(seed);

    /// <summary>A clean body of 1–2 sample records.</summary>
    public string CleanBody()
    {
        var samples = Samples.Value;
        var count = _random.Next(1, 3);
        var records = Enumerable.Range(0, count).Select(_ => samples[_random.Next(samples.Length)]);
        return "{\"records\":[" + string.Join(",", records) + "]}";
    }

    /// <summary>A body with 1–3 mutations (about one in twenty is left clean).</summary>
    public byte[] Next()
    {
        var body = Encoding.UTF8.GetBytes(CleanBody()).ToList();
        var mutations = _random.Next(20) == 0 ? 0 : _random.Next(1, 4);
        for (var m = 0; m < mutations; m++)
        {
            Mutate(body);
        }

        return [.. body];
    }

    private void Mutate(List<byte> body)
    {
        switch (_random.Next(10))
        {
            case 0: // one byte replaced by any byte but a line break
                body[_random.Next(body.Count)] = NonNewline();
                break;
            case 1: // invalid UTF-8 inside a string value
                body.InsertRange(InsideString(body), Invalid[_random.Next(Invalid.Length)]);
                break;
            case 2: // a surrogate or other escape inside a string value
                body.InsertRange(InsideString(body), Encoding.ASCII.GetBytes(Escapes[_random.Next(Escapes.Length)]));
                break;
            case 3: // cut short
                {
                    var keep = _random.Next(body.Count);
                    body.RemoveRange(keep, body.Count - keep);
                    break;
                }

            case 4: // a range deleted
                {
                    var at = _random.Next(body.Count);
                    body.RemoveRange(at, Math.Min(body.Count - at, _random.Next(1, 40)));
                    break;
                }

            case 5: // a byte order mark
                body.InsertRange(0, [0xEF, 0xBB, 0xBF]);
                break;
            case 6: // a second records array
                {
                    var last = body.LastIndexOf((byte)'}');
                    if (last > 0)
                    {
                        body.InsertRange(last, Encoding.UTF8.GetBytes(",\"records\":[" + Samples.Value[_random.Next(Samples.Value.Length)] + "]"));
                    }

                    break;
                }

            case 7: // a structural character inserted
                body.Insert(_random.Next(body.Count), "{}[]\",:\\"u8[_random.Next(8)]);
                break;
            case 8: // a record that is not an object
                {
                    var at = body.IndexOf((byte)'[');
                    if (at >= 0)
                    {
                        body.InsertRange(at + 1, "\"text\","u8.ToArray());
                    }

                    break;
                }

            default: // a printable ASCII byte replaced
                body[_random.Next(body.Count)] = (byte)_random.Next(0x20, 0x7F);
                break;
        }

        if (body.Count == 0)
        {
            body.Add((byte)'{');
        }
    }

    /// <summary>A position just after the opening quote of a string value (<c>":"</c>), or the start.</summary>
    private int InsideString(List<byte> body)
    {
        var places = new List<int>();
        for (var i = 0; i + 1 < body.Count; i++)
        {
            if (body[i] == (byte)':' && body[i + 1] == (byte)'"')
            {
                places.Add(i + 2);
            }
        }

        return places.Count == 0 ? 0 : places[_random.Next(places.Count)];
    }

    private byte NonNewline()
    {
        byte value;
        do
        {
            value = (byte)_random.Next(256);
        }
        while (value is (byte)'\n' or (byte)'\r');
        return value;
    }
}
