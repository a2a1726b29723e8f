-- When a refresh token was used: a second use soon after the first is a concurrent request of the same client
-- (answered invalid_grant, family kept); a later one is a replay (family revoked). See RefreshTokenRotation.
ALTER TABLE refresh_tokens ADD COLUMN used_at DATETIME(6) NULL;
