using System.Text.Json.Serialization;

namespace DefenderConnector.Checkpoints.Blob;

/// <summary>Source-generated JSON for <see cref="DeadLetterDocument"/>.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(DeadLetterDocument))]
internal sealed partial class DeadLetterDocumentContext : JsonSerializerContext
{
}
