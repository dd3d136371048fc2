namespace PatrolScores.Gateway.Awards;

/// <summary>The stable <c>error</c> codes of score entry's JSON API (<c>docs/leader-api.md</c>), beside <c>ErrorCodes</c>.</summary>
public static class AwardErrorCodes
{
    /// <summary>401: no signed-in leader (the <c>ps_leader</c> cookie is missing or expired).</summary>
    public const string SignInRequired = "sign_in_required";

    /// <summary>400: the awards list is empty, too long, names a patrol twice, or a delta is 0 or outside −1,000..1,000.</summary>
    public const string InvalidAwards = "invalid_awards";

    /// <summary>400: the reason is longer than 200 characters or holds control characters.</summary>
    public const string InvalidReason = "invalid_reason";

    /// <summary>400: the idempotency key is missing, or not 8 to 100 of <c>A-Z a-z 0-9 - _ .</c>.</summary>
    public const string InvalidIdempotencyKey = "invalid_idempotency_key";

    /// <summary>400: a patrol is not one the section's current copy shows.</summary>
    public const string UnknownPatrol = "unknown_patrol";

    /// <summary>409: the idempotency key was used by this leader for a different submission (RFC draft-ietf-httpapi-idempotency-key-header).</summary>
    public const string IdempotencyKeyReused = "idempotency_key_reused";

    /// <summary>404: no such submission in the leader's sections.</summary>
    public const string SubmissionNotFound = "submission_not_found";

    /// <summary>409: the submission still has patrols waiting to be sent; undo it once they are settled.</summary>
    public const string SubmissionInProgress = "submission_in_progress";

    /// <summary>409: the submission is itself an undo, or none of its patrols was applied.</summary>
    public const string NothingToUndo = "nothing_to_undo";

    /// <summary>503: OSM could not be asked for the section's points and no copy is held yet.</summary>
    public const string NoScoresYet = "no_scores_yet";

    /// <summary>415: a POST to the JSON API must be <c>application/json</c> (with SameSite cookies, the API's CSRF defence).</summary>
    public const string JsonRequired = "json_required";
}
