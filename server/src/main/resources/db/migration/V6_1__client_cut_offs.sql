-- Client cut-offs in the denylist (kind 'client', see io.getbill.server.revocation.TokenRevocation.CLIENT) name the
-- client by its id, which may be as long as oauth_clients.client_id.
ALTER TABLE token_revocations MODIFY token_id VARCHAR(128) NOT NULL;
