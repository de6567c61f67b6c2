# bash completion for trainable(1). Installed as
# share/bash-completion/completions/trainable. The options and values listed
# here are checked against the command's own tables by the test suite
# (tests/docs_drift.sh): add an option there and here together.

_trainable()
{
    local cur prev words cword
    _init_completion || return

    local cmd="" sub="" i
    for ((i = 1; i < cword; i++)); do
        case ${words[i]} in
        -*) ;;
        *)
            if [[ -z $cmd ]]; then
                cmd=${words[i]}
            elif [[ $cmd == rules && -z $sub ]]; then
                sub=${words[i]}
            fi
            ;;
        esac
    done

    local scan_opts="--format --output --items --verdict --show-text --show-private-text --show-email
        --rules --extra-rules --threads --assume-public --as-of --birth-date --max-member-bytes
        --max-total-bytes --max-entries --max-depth --max-string-bytes --max-values
        --stream-min-bytes --max-ratio --region --lang --objected-on --quiet --help"

    case $prev in
    -f | --format)
        COMPREPLY=($(compgen -W "text json jsonl csv html" -- "$cur"))
        return
        ;;
    --region)
        COMPREPLY=($(compgen -W "eu ch uk br kr us other" -- "$cur"))
        return
        ;;
    --lang)
        COMPREPLY=($(compgen -W "en fr de es it nl pt" -- "$cur"))
        return
        ;;
    --verdict)
        # a comma-separated list: complete the word after the last comma
        local done=${cur%"${cur##*,}"}
        COMPREPLY=($(compgen -P "$done" -W "eligible uncertain private" -- "${cur##*,}"))
        return
        ;;
    -o | --output | --secret | --public | --key | --trust)
        _filedir
        return
        ;;
    --rules | --extra-rules)
        _filedir -d
        return
        ;;
    --as-of | --birth-date | --objected-on | --threads | --max-member-bytes | --max-total-bytes | \
        --max-entries | --max-depth | --max-string-bytes | --max-values | \
        --stream-min-bytes | --max-ratio)
        return
        ;;
    esac

    case $cmd in
    "")
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--version --help" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "scan objection schema rules help" -- "$cur"))
        fi
        ;;
    scan | objection)
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "$scan_opts" -- "$cur"))
        else
            _filedir zip
        fi
        ;;
    schema)
        if [[ $cur == -* ]]; then
            COMPREPLY=($(compgen -W "--rules --output --help" -- "$cur"))
        else
            _filedir zip
        fi
        ;;
    rules)
        case $sub in
        "") COMPREPLY=($(compgen -W "check test list draft keygen pack install status uninstall" -- "$cur")) ;;
        check)
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--strict --extra-rules" -- "$cur"))
            else
                _filedir -d
            fi
            ;;
        test)
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--extra-rules" -- "$cur"))
            else
                _filedir -d
            fi
            ;;
        list) [[ $cur == -* ]] && COMPREPLY=($(compgen -W "--rules" -- "$cur")) ;;
        draft)
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--rules --extra-rules --output --quiet --help" -- "$cur"))
            else
                _filedir '@(zip|json)'
            fi
            ;;
        keygen) [[ $cur == -* ]] && COMPREPLY=($(compgen -W "--secret --public" -- "$cur")) ;;
        pack)
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--key --output" -- "$cur"))
            else
                _filedir -d
            fi
            ;;
        install)
            if [[ $cur == -* ]]; then
                COMPREPLY=($(compgen -W "--trust --allow-downgrade" -- "$cur"))
            else
                _filedir pack
            fi
            ;;
        status) ;;
        uninstall)
            local store=${XDG_DATA_HOME:-$HOME/.local/share}/trainable/rules
            [[ -d $store ]] && COMPREPLY=($(compgen -W "$(command ls "$store" 2>/dev/null)" -- "$cur"))
            ;;
        esac
        ;;
    esac
} &&
    complete -F _trainable trainable
