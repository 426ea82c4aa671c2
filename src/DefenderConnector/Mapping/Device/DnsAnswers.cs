using System.Buffers;
using System.Text;
using System.Text.Json;

namespace DefenderConnector.Mapping.Device;

/// <summary>
/// OCSF <c>answers[]</c> from AdditionalFields DnsQueryResult. Defender reports it as a list of
/// records (objects with the record type and its Result), sometimes serialized into a string, or as
/// plain text; each record with data becomes one answer (rdata is required, so records without it are skipped).
/// </summary>
internal static class DnsAnswers
{
    /// <summary>Writes <c>answers[]</c> (nothing when there is no record with data).</summary>
    public static void Write(OcsfEventWriter writer, ReadOnlySpan<byte> additional)
    {
        var none = default(ObservableWriter);
        Walk(writer, additional, ref none, observe: false);
    }

    /// <summary>
    /// Adds the IP answers as observables. A second walk, because observables are written after the
    /// event's other attributes and must not open while <c>answers[]</c> is being written.
    /// </summary>
    public static void Observe(OcsfEventWriter writer, ReadOnlySpan<byte> additional, ref ObservableWriter observables) =>
        Walk(writer, additional, ref observables, observe: true);

    private static void Walk(OcsfEventWriter writer, ReadOnlySpan<byte> additional, ref ObservableWriter observables, bool observe)
    {
        if (additional.IsEmpty)
        {
            return;
        }

        var reader = new Utf8JsonReader(additional);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var match = reader.ValueTextEquals("DnsQueryResult"u8);
            reader.Read();
            if (!match)
            {
                reader.Skip();
                continue;
            }

            if (reader.TokenType == JsonTokenType.StartArray)
            {
                Records(writer, ref reader, ref observables, observe);
            }
            else if (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped)
            {
                FromText(writer, reader.ValueSpan, ref observables, observe);
            }
            else if (reader.TokenType == JsonTokenType.String)
            {
                // A list serialized into a string arrives escaped ("[{\"DnsQueryType\":1,...}]"): unescaped
                // into pooled memory (never longer than the escaped text) rather than through a string.
                var buffer = ArrayPool<byte>.Shared.Rent(reader.ValueSpan.Length);
                try
                {
                    FromText(writer, buffer.AsSpan(0, reader.CopyString(buffer)), ref observables, observe);
                }
                finally
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }

            return;
        }
    }

    // A string that holds a JSON list is read as a list; any other string is one answer's data.
    private static void FromText(OcsfEventWriter writer, ReadOnlySpan<byte> text, ref ObservableWriter observables, bool observe)
    {
        text = text.Trim(" \t\r\n"u8);
        if (text.IsEmpty)
        {
            return;
        }

        if (text[0] == (byte)'[' && JsonText.IsContainer(text))
        {
            var inner = new Utf8JsonReader(text);
            inner.Read();
            Records(writer, ref inner, ref observables, observe);
            return;
        }

        if (observe)
        {
            Observe(text, ref observables);
            return;
        }

        writer.WriteStartArray(Names.Answers);
        Answer(writer, text, default);
        writer.WriteEndArray();
    }

    private static void Records(OcsfEventWriter writer, ref Utf8JsonReader reader, ref ObservableWriter observables, bool observe)
    {
        var started = false;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            ReadOnlySpan<byte> data = default;
            ReadOnlySpan<byte> type = default;
            if (reader.TokenType == JsonTokenType.String)
            {
                data = (reader.ValueIsEscaped || reader.HasValueSequence ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan);
            }
            else if (reader.TokenType == JsonTokenType.StartObject)
            {
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var isResult = reader.ValueTextEquals("Result"u8);
                    var isType = reader.ValueTextEquals("DnsQueryType"u8);
                    reader.Read();
                    if (isResult && reader.TokenType == JsonTokenType.String)
                    {
                        data = (reader.ValueIsEscaped || reader.HasValueSequence ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan);
                    }
                    else if (isType && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var code))
                    {
                        type = DnsRecordTypes.Name(code);
                    }
                    else if (isType && reader.TokenType == JsonTokenType.String)
                    {
                        type = (reader.ValueIsEscaped || reader.HasValueSequence ? Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan);
                    }
                    else
                    {
                        reader.Skip();
                    }
                }
            }
            else
            {
                reader.Skip();
            }

            if (data.IsEmpty)
            {
                continue;
            }

            if (observe)
            {
                Observe(data, ref observables);
                continue;
            }

            if (!started)
            {
                writer.WriteStartArray(Names.Answers);
                started = true;
            }

            Answer(writer, data, type);
        }

        if (started)
        {
            writer.WriteEndArray();
        }
    }

    private static void Answer(OcsfEventWriter writer, ReadOnlySpan<byte> data, ReadOnlySpan<byte> type)
    {
        writer.WriteStartObject();
        writer.WriteString(Names.Rdata, data);
        if (!type.IsEmpty)
        {
            writer.WriteString(Names.Type, type);
        }

        writer.WriteEndObject();
    }

    private static void Observe(scoped ReadOnlySpan<byte> data, ref ObservableWriter observables)
    {
        if (Put.IsIp(data))
        {
            observables.Add("answers.rdata"u8, 2, data);
        }
    }
}
