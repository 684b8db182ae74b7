-- Who gave each membership (docs/decisions/0183): 'local' an admin, 'oidc' the identity provider's groups
-- claim at a login. A claim takes away only what a claim gave, in any group, admin-made ones included.
-- Memberships in groups the claims made were the claims'; those in admin-made groups stay the admins'.
ALTER TABLE group_members
  ADD COLUMN source TEXT NOT NULL DEFAULT 'local' CHECK (source IN ('local', 'oidc'));
UPDATE group_members m SET source = 'oidc' FROM groups g WHERE g.id = m.group_id AND g.source = 'oidc';
