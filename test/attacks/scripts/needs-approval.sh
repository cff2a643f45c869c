dropdb --if-exists -h db.staging.example.com scratch_copy
