using System.Globalization;
using System.Text.RegularExpressions;
using Amqp.Framing;
using Amqp.Types;

namespace DefenderConnector.Emulator.EventHubs;

/// <summary>
/// Where a receiver starts, from the attach's selector filter
/// <c>amqp.annotation.x-opt-(offset|sequence-number|enqueued-time) (&gt;|&gt;=) value</c>
/// (value bare or single-quoted; enqueued time in ms since the Unix epoch; offset -1 = start, @latest = end).
/// </summary>
internal sealed partial record EventPosition(string Kind, bool Inclusive, string Value)
{
    public static readonly EventPosition Start = new("x-opt-offset", false, "-1");

    /// <summary>Reads the filter from an attach source; null filter set = start of stream.</summary>
    public static bool TryParse(Source? source, out EventPosition position, out string error)
    {
        position = Start;
        error = string.Empty;
        if (source?.FilterSet is not { } filters) { return true; }

        object? value = null;
        foreach (var key in filters.Keys)
        {
            var entry = filters[key];
            if (IsSelector(key) || (entry is DescribedValue described && IsSelector(described.Descriptor)))
            {
                value = entry is DescribedValue dv ? dv.Value : entry;
                break;
            }
        }

        if (value is null) { return true; }

        var match = value is string text ? Expression().Match(text.Trim()) : Match.Empty;
        if (!match.Success)
        {
            error = $"The selector filter '{value}' is not a supported event position expression.";
            return false;
        }

        string kind = match.Groups["name"].Value.ToLowerInvariant();
        if (kind == "x-opt-enqueuedtimeutc") { kind = "x-opt-enqueued-time"; }

        string raw = match.Groups["value"].Value.Trim('\'');
        position = new EventPosition(kind, match.Groups["op"].Value == ">=", raw);
        if (!position.IsValueValid())
        {
            error = $"The selector filter value '{raw}' is not valid for {kind}.";
            return false;
        }

        return true;
    }

    /// <summary>The index in the log of the first event to deliver.</summary>
    public int ResolveStartIndex(PartitionLog log)
    {
        switch (this.Kind)
        {
            case "x-opt-offset" when this.Value == "-1":
                return 0;
            case "x-opt-offset" when this.Value == "@latest":
                return log.Count;
            case "x-opt-offset":
                return log.IndexAfterOffset(long.Parse(this.Value, CultureInfo.InvariantCulture), this.Inclusive);
            case "x-opt-sequence-number":
                long sequence = long.Parse(this.Value, CultureInfo.InvariantCulture);
                long index = this.Inclusive ? sequence : sequence + 1;
                // Beyond the end means "wait for that sequence number", not "the next event".
                return (int)Math.Clamp(index, 0, int.MaxValue);
            default:
                var time = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(this.Value, CultureInfo.InvariantCulture));
                return log.IndexAfterTime(time, this.Inclusive);
        }
    }

    bool IsValueValid() =>
        (this.Kind == "x-opt-offset" && this.Value == "@latest") ||
        long.TryParse(this.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    static bool IsSelector(object? descriptor) => descriptor switch
    {
        Symbol symbol => symbol.Equals(EventHubConstants.SelectorFilter),
        string text => text == (string)EventHubConstants.SelectorFilter,
        ulong code => code is EventHubConstants.SelectorFilterApacheCode or EventHubConstants.SelectorFilterMicrosoftCode,
        _ => false,
    };

    [GeneratedRegex(@"^amqp\.annotation\.(?<name>x-opt-offset|x-opt-sequence-number|x-opt-enqueued-time|x-opt-enqueuedtimeutc)\s*(?<op>>=|>)\s*(?<value>'[^']*'|\S+)$", RegexOptions.IgnoreCase)]
    private static partial Regex Expression();
}
