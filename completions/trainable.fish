# fish completion for trainable(1). Installed as
# share/fish/vendor_completions.d/trainable.fish. Keep the options and values in
# step with completions/trainable.bash and the command (tests/docs_drift.sh).

set -l commands scan objection schema rules help
set -l scanning "__fish_seen_subcommand_from scan objection"

complete -c trainable -f
complete -c trainable -n "not __fish_seen_subcommand_from $commands" -a scan -d 'Scan an export'
complete -c trainable -n "not __fish_seen_subcommand_from $commands" -a objection -d 'What you can do, and an objection text'
complete -c trainable -n "not __fish_seen_subcommand_from $commands" -a schema -d 'The structure of an export, without values'
complete -c trainable -n "not __fish_seen_subcommand_from $commands" -a rules -d 'Check, draft, pack or install rules'
complete -c trainable -n "not __fish_seen_subcommand_from $commands" -a help -d 'Print the usage'
complete -c trainable -n "not __fish_seen_subcommand_from $commands" -s V -l version -d 'Print the versions'
complete -c trainable -n "not __fish_seen_subcommand_from $commands" -s h -l help -d 'Print the usage'

# scan and objection: inputs are zip parts or folders
complete -c trainable -n "$scanning" -F
complete -c trainable -n "$scanning" -s f -l format -x -a 'text json jsonl csv html' -d 'Report format'
complete -c trainable -n "$scanning" -s o -l output -r -F -d 'Write the report to FILE'
complete -c trainable -n "$scanning" -l items -d 'List the items'
complete -c trainable -n "$scanning" -l verdict -x -a 'eligible uncertain private eligible,uncertain' -d 'List only items of these verdicts'
complete -c trainable -n "$scanning" -l show-text -d 'Include the text of eligible and uncertain items'
complete -c trainable -n "$scanning" -l show-private-text -d 'Also include the text of private items'
complete -c trainable -n "$scanning" -l show-email -d 'Show the account e-mail address'
complete -c trainable -n "$scanning" -l rules -x -a '(__fish_complete_directories)' -d 'Use the rule files of DIR'
complete -c trainable -n "$scanning" -l extra-rules -x -a '(__fish_complete_directories)' -d 'Add the rules of DIR'
complete -c trainable -n "$scanning" -l threads -x -d 'Threads that read and parse'
complete -c trainable -n "$scanning" -l assume-public -d 'Count every uncertain item as eligible'
complete -c trainable -n "$scanning" -l as-of -x -d 'The export date (YYYY-MM-DD)'
complete -c trainable -n "$scanning" -l birth-date -x -d 'The birth date, for exports that record none (YYYY-MM-DD)'
complete -c trainable -n "$scanning" -l max-member-bytes -x -d 'Largest JSON or HTML member read'
complete -c trainable -n "$scanning" -l max-total-bytes -x -d 'JSON and HTML bytes read in all'
complete -c trainable -n "$scanning" -l max-entries -x -d 'Archive entries listed'
complete -c trainable -n "$scanning" -l max-depth -x -d 'JSON nesting accepted'
complete -c trainable -n "$scanning" -l max-string-bytes -x -d 'Longest JSON string accepted'
complete -c trainable -n "$scanning" -l max-values -x -d 'JSON values in one member'
complete -c trainable -n "$scanning" -l stream-min-bytes -x -d 'Read JSON members this large one record at a time'
complete -c trainable -n "$scanning" -l max-ratio -x -d 'Largest inflate ratio of a zip member'
complete -c trainable -n "$scanning" -l region -x -a 'eu ch uk br kr us other' -d 'Where you live'
complete -c trainable -n "$scanning" -l lang -x -a 'en fr de es it nl pt' -d 'Language of the reports and messages'
complete -c trainable -n "$scanning" -l objected-on -x -d 'The day you objected (YYYY-MM-DD)'
complete -c trainable -n "$scanning" -s q -l quiet -d 'No messages or progress bar'
complete -c trainable -n "$scanning" -s h -l help -d 'Print the usage'

# schema
complete -c trainable -n "__fish_seen_subcommand_from schema" -F
complete -c trainable -n "__fish_seen_subcommand_from schema" -l rules -x -a '(__fish_complete_directories)' -d 'Use the rule files of DIR'
complete -c trainable -n "__fish_seen_subcommand_from schema" -s o -l output -r -F -d 'Write the schema to FILE'

# rules check|test|list|draft|keygen|pack|install|status|uninstall
set -l rulecmds check test list draft keygen pack install status uninstall
complete -c trainable -n "__fish_seen_subcommand_from rules; and not __fish_seen_subcommand_from $rulecmds" -a check -d 'Report every problem of a rule set'
complete -c trainable -n "__fish_seen_subcommand_from rules; and not __fish_seen_subcommand_from $rulecmds" -a test -d 'Run the examples of every rule'
complete -c trainable -n "__fish_seen_subcommand_from rules; and not __fish_seen_subcommand_from $rulecmds" -a list -d 'List the rules'
complete -c trainable -n "__fish_seen_subcommand_from rules; and __fish_seen_subcommand_from check" -l strict -d 'Warnings are errors'
complete -c trainable -n "__fish_seen_subcommand_from rules; and __fish_seen_subcommand_from check test" -x -a '(__fish_complete_directories)'
complete -c trainable -n "__fish_seen_subcommand_from rules; and __fish_seen_subcommand_from list" -l rules -x -a '(__fish_complete_directories)' -d 'Use the rule files of DIR'
complete -c trainable -n "__fish_seen_subcommand_from rules; and not __fish_seen_subcommand_from $rulecmds" -a draft -d 'Draft rules for files no rule knows'
complete -c trainable -n "__fish_seen_subcommand_from rules; and not __fish_seen_subcommand_from $rulecmds" -a keygen -d 'Make a key pair for signing packs'
complete -c trainable -n "__fish_seen_subcommand_from rules; and not __fish_seen_subcommand_from $rulecmds" -a pack -d 'Sign a rule set into a pack'
complete -c trainable -n "__fish_seen_subcommand_from rules; and not __fish_seen_subcommand_from $rulecmds" -a install -d 'Verify and install a rule pack'
complete -c trainable -n "__fish_seen_subcommand_from rules; and not __fish_seen_subcommand_from $rulecmds" -a status -d 'The rule set in use and the installed packs'
complete -c trainable -n "__fish_seen_subcommand_from rules; and not __fish_seen_subcommand_from $rulecmds" -a uninstall -d 'Remove an installed version'
complete -c trainable -n "__fish_seen_subcommand_from rules; and __fish_seen_subcommand_from check test draft" -l extra-rules -x -a '(__fish_complete_directories)' -d 'Add the rules of DIR'
complete -c trainable -n "__fish_seen_subcommand_from rules; and __fish_seen_subcommand_from draft" -l rules -x -a '(__fish_complete_directories)' -d 'Use the rule files of DIR'
complete -c trainable -n "__fish_seen_subcommand_from rules; and __fish_seen_subcommand_from draft" -s o -l output -r -F -d 'Write the drafts to FILE'
complete -c trainable -n "__fish_seen_subcommand_from rules; and __fish_seen_subcommand_from draft" -s q -l quiet -d 'No messages'
complete -c trainable -n "__fish_seen_subcommand_from rules; and __fish_seen_subcommand_from draft install" -F
complete -c trainable -n "__fish_seen_subcommand_from rules; and __fish_seen_subcommand_from keygen" -l secret -r -F -d 'The secret key file to write'
complete -c trainable -n "__fish_seen_subcommand_from rules; and __fish_seen_subcommand_from keygen" -l public -r -F -d 'The public key file to write'
complete -c trainable -n "__fish_seen_subcommand_from rules; and __fish_seen_subcommand_from pack" -l key -r -F -d 'The secret key file'
complete -c trainable -n "__fish_seen_subcommand_from rules; and __fish_seen_subcommand_from pack" -s o -l output -r -F -d 'The pack file to write'
complete -c trainable -n "__fish_seen_subcommand_from rules; and __fish_seen_subcommand_from pack" -x -a '(__fish_complete_directories)'
complete -c trainable -n "__fish_seen_subcommand_from rules; and __fish_seen_subcommand_from install" -l trust -r -F -d 'Also trust this public key file'
complete -c trainable -n "__fish_seen_subcommand_from rules; and __fish_seen_subcommand_from install" -l allow-downgrade -d 'Install a version not newer than the installed one'
