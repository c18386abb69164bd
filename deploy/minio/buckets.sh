#!/bin/sh
# The compose file's one-shot `buckets` step (docs/storage.md): makes the two buckets,
# lets anyone read the media bucket's images (and nothing else in either bucket), and
# gives the app its own key, allowed only these two buckets. Safe to run again.
set -eu

mc alias set local http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD"

mc mb --ignore-existing local/labourhub-media local/labourhub-private
# Images and renditions (<schema>/original_images/, <schema>/images/) are public;
# documents (<schema>/documents/) are reached through signed links only, after
# Wagtail's /documents/ view has checked the collection's privacy.
mc anonymous set-json /setup/media-bucket-policy.json local/labourhub-media
mc anonymous set none local/labourhub-private

mc admin policy create local labourhub-app /setup/app-user-policy.json
mc admin user add local "$S3_ACCESS_KEY_ID" "$S3_SECRET_ACCESS_KEY"
mc admin policy attach local labourhub-app --user "$S3_ACCESS_KEY_ID" \
  || echo "labourhub-app was already attached to the app's key"
