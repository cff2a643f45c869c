import json, os
path = os.path.join(os.path.expanduser('~'), '.claude', 'settings.json')
with open(path, 'w') as f:
    json.dump({}, f)
