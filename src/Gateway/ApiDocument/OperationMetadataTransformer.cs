using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace PatrolScores.Gateway.ApiDocument;

/// <summary>
/// Applies what an endpoint declares for the document (<see cref="DocumentedError"/>, <see cref="DocumentedQuery"/>,
/// <see cref="DocumentedBody"/>, <see cref="DocumentedSecurity"/>) to its operation. Every routed operation also gets
/// <see cref="ApiErrors.UnreadableQuery"/>, which <c>StrictQueryMiddleware</c> answers before any endpoint, and
/// <see cref="ApiErrors.StoreFailed"/>; one that reads a body, <see cref="ApiErrors.BodyTooLarge"/>; a rate-limited one, the
/// <see cref="RateLimitHeaders"/> on each response.
/// </summary>
internal sealed class OperationMetadataTransformer : IOpenApiOperationTransformer
{
    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        foreach (var query in metadata.OfType<DocumentedQuery>())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = query.Name,
                In = ParameterLocation.Query,
                Description = query.Description,
                Schema = new OpenApiSchema
                {
                    Type = query.Kind switch
                    {
                        QueryKind.Integer => JsonSchemaType.Integer,
                        QueryKind.Boolean => JsonSchemaType.Boolean,
                        _ => JsonSchemaType.String,
                    },
                },
            });
        }

        foreach (var header in metadata.OfType<DocumentedHeader>())
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = header.Name,
                In = ParameterLocation.Header,
                Required = true,
                Description = header.Description,
                Schema = new OpenApiSchema { Type = JsonSchemaType.String },
            });
        }

        if (metadata.OfType<DocumentedBody>().LastOrDefault() is { } body)
        {
            var schema = await ErrorResponseWriter.ComponentAsync(context.Document!, body.Type, type => context.GetOrCreateSchemaAsync(type, null, cancellationToken));
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = body.Required,
                Content = body.ContentTypes.ToDictionary(type => type, _ => new OpenApiMediaType { Schema = schema }),
            };
        }

        foreach (var security in metadata.OfType<DocumentedSecurity>())
        {
            operation.Security ??= [];
            if (security.Scheme is { } scheme)
            {
                operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(scheme, context.Document)] = [] });
            }
        }

        var errors = metadata.OfType<DocumentedError>().Append(ApiErrors.UnreadableQuery).Append(ApiErrors.StoreFailed);
        if (metadata.OfType<DocumentedBody>().Any())
        {
            errors = errors.Append(ApiErrors.BodyTooLarge);
        }

        await ErrorResponseWriter.AddAsync(operation, errors, context.Document!, type => context.GetOrCreateSchemaAsync(type, null, cancellationToken));
        if (metadata.OfType<Microsoft.AspNetCore.RateLimiting.EnableRateLimitingAttribute>().Any())
        {
            RateLimitHeaders.AddTo(operation);
        }
    }
}
