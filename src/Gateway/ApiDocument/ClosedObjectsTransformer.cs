using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PatrolScores.Gateway.ApiDocument;

/// <summary>
/// Makes the schemas of the gateway's own response types exact: every property the serializer always writes is
/// <c>required</c> (nullable ones as <c>null</c>), properties left out when null are optional, and no other
/// property may appear (<c>additionalProperties: false</c>). A contract test then fails on any drift between a
/// response and its type, in either direction.
/// </summary>
internal sealed class ClosedObjectsTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var info = context.JsonTypeInfo;
        if (info.Kind != JsonTypeInfoKind.Object
            || info.Type.Namespace?.StartsWith("PatrolScores.", StringComparison.Ordinal) != true)
        {
            return Task.CompletedTask;
        }

        schema.AdditionalPropertiesAllowed = false;
        schema.Required ??= new HashSet<string>();
        foreach (var property in info.Properties)
        {
            if (!OmittedWhenNull(property))
            {
                schema.Required.Add(property.Name);
            }
        }

        return Task.CompletedTask;
    }

    private static bool OmittedWhenNull(JsonPropertyInfo property) =>
        property.AttributeProvider?.GetCustomAttributes(typeof(JsonIgnoreAttribute), inherit: true)
            .OfType<JsonIgnoreAttribute>()
            .Any(ignore => ignore.Condition == JsonIgnoreCondition.WhenWritingNull) == true;
}
