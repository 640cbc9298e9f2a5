from .clock import as_of


def platform(request) -> dict:
    """Values every page shows: the judging date and whether the user is internal or external."""
    from .navigation import items
    from .permissions import external_account, is_internal

    user = request.user
    return {
        "soilgw_as_of": as_of(),
        "soilgw_internal": is_internal(user),
        "soilgw_external": external_account(user) if user.is_authenticated else None,
        "soilgw_nav": items(),
    }
