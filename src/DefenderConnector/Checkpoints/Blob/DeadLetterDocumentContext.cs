using System.Text.Json.Serialization;

namespace DefenderConnector.Checkpoints.Blob;

/// <summary>Source-generated JSON for <see cref="DeadLetterDocument"/> and the last <see cref="PullRecord"/> of each source.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DeadLetterDocument))]
[JsonSerializable(typeof(PullRecord))]
internal sealed partial class DeadLetterDocumentContext : JsonSerializerContext
{
}
